package com.healthmonitor.api.monitor;

import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.common.check.CheckAssertion;
import com.healthmonitor.common.check.CheckSpec;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The rules of a monitor's check settings (method, headers, body, assertions, redirects, TLS warning, thresholds);
 * each broken rule names its field. The database's CHECK constraints (V4) mirror them.
 */
final class CheckSettingsValidator {

    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final int MAX_HEADERS = 20;
    static final int MAX_HEADER_VALUE = 4096;
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_ASSERTIONS = 20;
    static final int MAX_ASSERTION_TEXT = 1000;
    static final int MAX_LATENCY_MS = 60_000;

    /** Set by the HTTP client, or per connection (hop-by-hop), or by a field of its own: never a monitor header. */
    private static final Set<String> REFUSED_HEADERS = Set.of(
            "host",
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "content-length",
            "content-type");
    // RFC 9110 token.
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

    CheckSettings validate(MonitorRequest request, List<FieldViolation> violations) {
        String method =
                request.method() == null ? "GET" : request.method().strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            violations.add(new FieldViolation("method", "must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"));
        }
        Map<String, String> headers = headers(request.headers(), violations);

        String body = request.body();
        if (body != null) {
            if (method.equals("GET") || method.equals("HEAD")) {
                violations.add(new FieldViolation("body", "cannot be sent with " + method + "; use POST, PUT, ..."));
            } else if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
                violations.add(new FieldViolation("body", "must be at most 64 KiB"));
            }
        }
        String contentType =
                request.contentType() == null ? null : request.contentType().strip();
        if (contentType != null) {
            if (body == null) {
                violations.add(new FieldViolation("content_type", "needs a body"));
            } else if (contentType.length() > 255 || contentType.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                violations.add(new FieldViolation("content_type", "must be a media type like application/json"));
            } else {
                try {
                    MediaType.parseMediaType(contentType);
                } catch (InvalidMediaTypeException e) {
                    violations.add(new FieldViolation("content_type", "must be a media type like application/json"));
                }
            }
        }
        List<CheckAssertion> assertions = assertions(request.assertions(), violations);

        boolean followRedirects = request.followRedirects() == null || request.followRedirects();
        int tlsExpiryDays =
                request.tlsExpiryDays() == null ? CheckSpec.DEFAULT_TLS_EXPIRY_DAYS : request.tlsExpiryDays();
        if (tlsExpiryDays < 0 || tlsExpiryDays > 365) {
            violations.add(new FieldViolation("tls_expiry_days", "must be between 0 (off) and 365"));
        }
        threshold("fail_threshold", request.failThreshold(), violations);
        threshold("success_threshold", request.successThreshold(), violations);
        return new CheckSettings(
                method,
                headers,
                body,
                body == null ? null : contentType,
                assertions,
                followRedirects,
                tlsExpiryDays,
                request.failThreshold(),
                request.successThreshold());
    }

    private static Map<String, String> headers(Map<String, String> headers, List<FieldViolation> violations) {
        if (headers == null) {
            return Map.of();
        }
        if (headers.size() > MAX_HEADERS) {
            violations.add(new FieldViolation("headers", "must have at most " + MAX_HEADERS + " entries"));
            return Map.of();
        }
        Map<String, String> valid = new LinkedHashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        headers.forEach((name, value) -> {
            String field = "headers." + name;
            if (!HEADER_NAME.matcher(name).matches()) {
                violations.add(new FieldViolation(field, "is not a valid header name"));
            } else if (REFUSED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                violations.add(new FieldViolation(
                        field,
                        name.equalsIgnoreCase("content-type")
                                ? "is set with content_type"
                                : "cannot be set: the client sets it (Host, hop-by-hop and framing headers)"));
            } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                violations.add(new FieldViolation(field, "is given twice (header names are case-insensitive)"));
            } else if (value == null) {
                violations.add(new FieldViolation(field, "must be a string"));
            } else if (value.length() > MAX_HEADER_VALUE) {
                violations.add(new FieldViolation(field, "must be at most " + MAX_HEADER_VALUE + " characters"));
            } else if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
                violations.add(new FieldViolation(field, "must not contain CR, LF or other control characters"));
            } else {
                valid.put(name, value);
            }
        });
        return valid;
    }

    private static List<CheckAssertion> assertions(List<CheckAssertion> assertions, List<FieldViolation> violations) {
        if (assertions == null) {
            return List.of();
        }
        if (assertions.size() > MAX_ASSERTIONS) {
            violations.add(new FieldViolation("assertions", "must have at most " + MAX_ASSERTIONS + " entries"));
            return List.of();
        }
        List<CheckAssertion> valid = new ArrayList<>();
        for (int i = 0; i < assertions.size(); i++) {
            String field = "assertions[" + i + "]";
            CheckAssertion assertion = assertions.get(i);
            String pathProblem = assertion instanceof CheckAssertion.JsonPath path ? pathProblem(path) : null;
            String problem =
                    switch (assertion) {
                        case null -> "must be an object with a type";
                        case CheckAssertion.BodyContains contains -> text(contains.value());
                        case CheckAssertion.BodyNotContains absent -> text(absent.value());
                        case CheckAssertion.MaxLatency max ->
                            max.value() < 1 || max.value() > MAX_LATENCY_MS
                                    ? "value must be between 1 and " + MAX_LATENCY_MS + " milliseconds"
                                    : null;
                        case CheckAssertion.JsonPath path -> pathProblem == null ? jsonPathCondition(path) : null;
                    };
            if (pathProblem != null) {
                violations.add(new FieldViolation(field + ".path", pathProblem));
            } else if (problem != null) {
                violations.add(new FieldViolation(field, problem));
            } else {
                valid.add(assertion);
            }
        }
        return valid;
    }

    private static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "value is required";
        }
        return value.length() > MAX_ASSERTION_TEXT
                ? "value must be at most " + MAX_ASSERTION_TEXT + " characters"
                : null;
    }

    /** What is wrong with a JSONPath assertion's path, or null. */
    static String pathProblem(CheckAssertion.JsonPath assertion) {
        String path = assertion.path();
        if (path == null || path.isBlank()) {
            return "is required";
        }
        if (path.length() > MAX_ASSERTION_TEXT) {
            return "must be at most " + MAX_ASSERTION_TEXT + " characters";
        }
        if (assertion.usesRegexFilter()) {
            return "regular-expression filters (=~) are not supported: they cannot be bounded in time";
        }
        String compiled;
        try {
            compiled = JsonPath.compile(path).getPath();
        } catch (InvalidPathException | IllegalArgumentException e) {
            return "is not a valid JSONPath: " + e.getMessage();
        }
        // json-path ignores one stray character after a complete token ("$.status[" reads as "$.status"): a path
        // that means the same without its last character has such a leftover.
        String stripped = path.strip();
        if (stripped.length() > 1 && compiled.equals(compiledOrNull(stripped.substring(0, stripped.length() - 1)))) {
            return "is not a valid JSONPath: unexpected '" + stripped.charAt(stripped.length() - 1) + "' at the end";
        }
        return null;
    }

    private static String compiledOrNull(String path) {
        try {
            return JsonPath.compile(path).getPath();
        } catch (InvalidPathException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String jsonPathCondition(CheckAssertion.JsonPath assertion) {
        boolean equals = assertion.expected() != null;
        boolean exists = assertion.exists() != null;
        boolean bounds = assertion.lessThan() != null || assertion.greaterThan() != null;
        if ((equals ? 1 : 0) + (exists ? 1 : 0) + (bounds ? 1 : 0) != 1) {
            return "needs exactly one condition: equals, exists, or less_than/greater_than";
        }
        if (equals
                && !(assertion.expected().isString()
                        || assertion.expected().isNumber()
                        || assertion.expected().isBoolean())) {
            return "equals must be a string, number or boolean";
        }
        if (equals
                && assertion.expected().isString()
                && assertion.expected().stringValue().length() > MAX_ASSERTION_TEXT) {
            return "equals must be at most " + MAX_ASSERTION_TEXT + " characters";
        }
        if (assertion.lessThan() != null
                && assertion.greaterThan() != null
                && assertion.greaterThan().compareTo(assertion.lessThan()) >= 0) {
            return "greater_than must be below less_than (an empty range)";
        }
        return null;
    }

    private static void threshold(String field, Integer value, List<FieldViolation> violations) {
        if (value != null && (value < 1 || value > 10)) {
            violations.add(new FieldViolation(field, "must be between 1 and 10 (omit it for the worker's default)"));
        }
    }

    /** The validated check settings, defaults applied. */
    record CheckSettings(
            String method,
            Map<String, String> headers,
            String body,
            String contentType,
            List<CheckAssertion> assertions,
            boolean followRedirects,
            int tlsExpiryDays,
            Integer failThreshold,
            Integer successThreshold) {}
}
