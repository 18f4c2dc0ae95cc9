package com.healthmonitor.api.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What a JSON mapping failure says about the request, as one violation naming the field: for bodies the API reads,
 * and for the objects of a configuration document, which are mapped onto the same request records.
 */
public final class JsonViolations {

    private JsonViolations() {}

    /** The violation of a mapping failure ({@code cause}); a missing body or the literal null names {@code body}. */
    public static FieldViolation of(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            // Its path ends with the unknown name: an item of a bulk request is named with its index.
            String field = fieldPath(unknown);
            return new FieldViolation(field.isEmpty() ? unknown.getPropertyName() : field, "is not a known field");
        }
        if (cause instanceof InvalidTypeIdException typeId) {
            // A polymorphic value (an assertion) with a missing or unknown "type".
            return new FieldViolation(
                    fieldPath(typeId) + ".type",
                    "must be one of body_contains, body_not_contains, json_path, max_latency_ms");
        }
        if (cause instanceof StreamReadException) {
            return new FieldViolation("body", "is not valid JSON");
        }
        if (cause instanceof JacksonException jackson) {
            String field = fieldPath(jackson);
            if (field.isEmpty()) {
                return new FieldViolation("body", "must be a single JSON object");
            }
            if (cause instanceof InvalidNullException) {
                return new FieldViolation(field, "must not be null");
            }
            if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                return new FieldViolation(field, "must be " + describe(mismatch.getTargetType()));
            }
            return new FieldViolation(field, "has an invalid value");
        }
        // No body at all, or the JSON literal null.
        return new FieldViolation("body", "must be a single JSON object");
    }

    /** {@code name}, {@code assertions[0].value}: JSON property names, array indexes in brackets. */
    private static String fieldPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a valid " + type.getSimpleName();
    }
}
