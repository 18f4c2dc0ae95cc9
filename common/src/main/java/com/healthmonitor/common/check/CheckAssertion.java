package com.healthmonitor.common.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * One condition a response must meet, in the JSON shape the API accepts and stores:
 * {@code {"type": "body_contains", "value": "ok"}}, {@code {"type": "json_path", "path": "$.status", "equals":
 * "UP"}}, {@code {"type": "max_latency_ms", "value": 1500}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CheckAssertion.BodyContains.class, name = "body_contains"),
    @JsonSubTypes.Type(value = CheckAssertion.BodyNotContains.class, name = "body_not_contains"),
    @JsonSubTypes.Type(value = CheckAssertion.JsonPath.class, name = "json_path"),
    @JsonSubTypes.Type(value = CheckAssertion.MaxLatency.class, name = "max_latency_ms")
})
public sealed interface CheckAssertion {

    /** Whether the assertion needs the response body. */
    default boolean readsBody() {
        return !(this instanceof MaxLatency);
    }

    /** The body contains {@code value} (case-sensitive). */
    record BodyContains(String value) implements CheckAssertion {}

    /** The body does not contain {@code value} (case-sensitive). */
    record BodyNotContains(String value) implements CheckAssertion {}

    /**
     * The JSON body's value at {@code path} exists, equals a JSON scalar, or is a number below/above a bound. Exactly
     * one of the conditions is set (the API checks it).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JsonPath(
            String path,
            @JsonProperty("equals") JsonNode expected,
            Boolean exists,
            BigDecimal lessThan,
            BigDecimal greaterThan)
            implements CheckAssertion {

        public JsonPath {
            // JSON null reads as a NullNode: "no equals condition" must be one value, whichever way it arrived.
            expected = expected == null || expected.isNull() || expected.isMissingNode() ? null : expected;
        }

        /**
         * Whether the path has a regular-expression filter ({@code [?(@.name =~ /.../)]}). Such filters are refused:
         * json-path matches them with java.util.regex on a String, out of reach of any deadline, and patterns like
         * {@code (.*a){20}} take minutes on a few dozen characters of a body the target controls.
         */
        public boolean usesRegexFilter() {
            // Anywhere, quoted or not: a quote-aware scan is easy to fool (a dot-notation name may hold a lone
            // quote), and no health document needs a property named with "=~".
            return path != null && path.contains("=~");
        }
    }

    /** The response (headers and the body read) arrived within {@code value} milliseconds. */
    record MaxLatency(int value) implements CheckAssertion {}
}
