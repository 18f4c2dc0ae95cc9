package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.CheckAssertion;
import com.healthmonitor.common.check.CheckSpec;
import com.healthmonitor.common.check.StatusCodes;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.mapper.JsonSmartMappingProvider;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Judges a response against the monitor's expectations: the status set first, then every assertion. Pure: no I/O.
 * Returns every unmet expectation, each naming what failed.
 *
 * <p>The body comes from the target, so its evaluation runs on an {@link AssertionBudget}: within the check's
 * deadline, on a parsed document of bounded depth and size ({@link BoundedJsonProvider}). JSONPath
 * regular-expression filters are not evaluated at all (see {@link CheckAssertion.JsonPath#usesRegexFilter}).
 */
final class ResponseAssertions {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonSmartMappingProvider MAPPING = new JsonSmartMappingProvider();
    private static final int MAX_SHOWN = 80;

    private final StatusCodes expectedStatus;
    private final List<CheckAssertion> assertions;

    ResponseAssertions(CheckSpec spec) {
        this.expectedStatus = StatusCodes.parse(spec.expectedStatusCodes());
        this.assertions = spec.assertions();
    }

    boolean expectsStatus(int status) {
        return expectedStatus.contains(status);
    }

    /**
     * Why these expectations can never be met, whatever the target answers: JSONPath regular-expression filters,
     * stored before the API refused them, are never run (they cannot be bounded in time). Known before the request,
     * so such a check fails at once without calling the target or reading its body.
     */
    Optional<String> unevaluable() {
        List<String> refused = new ArrayList<>();
        for (CheckAssertion assertion : assertions) {
            if (assertion instanceof CheckAssertion.JsonPath path && path.usesRegexFilter()) {
                refused.add(path.path()
                        + " uses a regular-expression filter (=~), which is not evaluated: change the assertion");
            }
        }
        return refused.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", refused));
    }

    /** Whether any assertion reads the body (otherwise it is read and dropped). */
    boolean needsBody() {
        return assertions.stream().anyMatch(CheckAssertion::readsBody);
    }

    /**
     * @param body the body's first MiB as text (empty when {@link #needsBody} is false)
     * @param deadlineNanos the check's deadline ({@link System#nanoTime}): the assertions stop there
     * @return why the response fails, or empty when it meets every expectation
     * @throws AssertionBudget.OutOfTime the deadline passed (or the thread was interrupted) before they finished
     */
    Optional<String> failure(int status, String body, int latencyMs, long deadlineNanos) {
        Optional<String> unevaluable = unevaluable();
        if (unevaluable.isPresent()) {
            return unevaluable;
        }
        if (!expectedStatus.contains(status)) {
            return Optional.of(CheckErrors.unexpectedStatus(status, expectedStatus));
        }
        AssertionBudget budget = new AssertionBudget(deadlineNanos);
        List<String> failures = new ArrayList<>();
        Json json = new Json(body, budget);
        for (CheckAssertion assertion : assertions) {
            switch (assertion) {
                case CheckAssertion.BodyContains contains
                when !budget.contains(body, contains.value()) ->
                    failures.add(CheckErrors.bodyDoesNotContain(contains.value()));
                case CheckAssertion.BodyNotContains absent
                when budget.contains(body, absent.value()) -> failures.add(CheckErrors.bodyContains(absent.value()));
                case CheckAssertion.MaxLatency max
                when latencyMs > max.value() -> failures.add(CheckErrors.slow(latencyMs, max.value()));
                case CheckAssertion.JsonPath path -> json.check(path).ifPresent(failures::add);
                default -> {}
            }
        }
        return failures.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failures));
    }

    /** The body parsed at most once, on the first JSONPath assertion. */
    private static final class Json {
        private final String body;
        private final AssertionBudget budget;
        private Object document;
        private String invalid;

        Json(String body, AssertionBudget budget) {
            this.body = body;
            this.budget = budget;
        }

        Optional<String> check(CheckAssertion.JsonPath assertion) {
            if (document == null && invalid == null) {
                budget.step();
                try {
                    document = BoundedJsonProvider.parseBody(body);
                    // Only an object or array counts as a JSON document here (not "text" or 42).
                    invalid = document instanceof java.util.Map || document instanceof List ? null : "";
                } catch (InvalidJsonException e) {
                    // Beyond the limits (depth, size) the reason says so; plain non-JSON just is not JSON.
                    String message = e.getMessage() == null ? "" : e.getMessage();
                    invalid = message.contains("exceeds the maximum")
                            ? " we evaluate (" + message.replaceAll(", from `[^`]*`", "") + ")"
                            : "";
                }
            }
            if (invalid != null) {
                return Optional.of("body is not JSON" + invalid + ", cannot evaluate " + assertion.path());
            }
            Object actual;
            try {
                Configuration bounded = Configuration.builder()
                        .jsonProvider(new BoundedJsonProvider(budget))
                        .mappingProvider(MAPPING)
                        .build();
                actual = JsonPath.parse(document, bounded).read(assertion.path());
            } catch (AssertionBudget.TooManyMatches e) {
                return Optional.of(assertion.path() + " matches more than " + AssertionBudget.MAX_MATCHES
                        + " values, too many to evaluate");
            } catch (AssertionBudget.OutOfTime e) {
                throw e;
            } catch (PathNotFoundException e) {
                if (Boolean.FALSE.equals(assertion.exists())) {
                    return Optional.empty();
                }
                return Optional.of(assertion.path() + " is missing" + expectation(assertion));
            } catch (RuntimeException e) {
                return Optional.of(assertion.path() + " cannot be evaluated: " + e.getMessage());
            }
            if (Boolean.FALSE.equals(assertion.exists())) {
                return Optional.of(assertion.path() + " is " + show(actual) + ", expected it to be absent");
            }
            if (assertion.expected() != null && !matches(assertion.expected(), actual)) {
                return Optional.of(assertion.path() + " is " + show(actual) + expectation(assertion));
            }
            if (assertion.lessThan() != null || assertion.greaterThan() != null) {
                BigDecimal number = number(actual);
                boolean below =
                        assertion.lessThan() == null || (number != null && number.compareTo(assertion.lessThan()) < 0);
                boolean above = assertion.greaterThan() == null
                        || (number != null && number.compareTo(assertion.greaterThan()) > 0);
                if (!below || !above) {
                    return Optional.of(assertion.path() + " is " + show(actual) + expectation(assertion));
                }
            }
            return Optional.empty();
        }

        private static String expectation(CheckAssertion.JsonPath assertion) {
            if (assertion.expected() != null) {
                return ", expected " + abbreviate(assertion.expected().toString());
            }
            List<String> bounds = new ArrayList<>();
            if (assertion.greaterThan() != null) {
                bounds.add("greater than " + assertion.greaterThan().toPlainString());
            }
            if (assertion.lessThan() != null) {
                bounds.add("less than " + assertion.lessThan().toPlainString());
            }
            return bounds.isEmpty() ? "" : ", expected a number " + String.join(" and ", bounds);
        }

        private static boolean matches(JsonNode expected, Object actual) {
            if (expected.isString()) {
                return actual instanceof String text && text.equals(expected.stringValue());
            }
            if (expected.isNumber()) {
                BigDecimal number = number(actual);
                return number != null && number.compareTo(expected.decimalValue()) == 0;
            }
            if (expected.isBoolean()) {
                return Boolean.valueOf(expected.booleanValue()).equals(actual);
            }
            return JSON.valueToTree(actual).equals(expected);
        }

        private static BigDecimal number(Object value) {
            if (value instanceof Number n && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
                return new BigDecimal(n.toString());
            }
            return null;
        }

        private static String show(Object actual) {
            return abbreviate(JSON.writeValueAsString(actual));
        }

        private static String abbreviate(String text) {
            return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
        }
    }
}
