package com.healthmonitor.api.web;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every client mistake into an RFC 9457 {@code application/problem+json} response that names the fields at
 * fault, in an {@code errors} array of {@code {field, message}}. Spring's own handling covers 404/405/406/415.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return badRequest("Invalid request", e.violations());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail wrongParameterType(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "value" : describe(e.getRequiredType());
        return badRequest("Invalid request", List.of(new FieldViolation(e.getName(), "must be " + expected)));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail concurrentUpdate() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT, "The monitor was changed by another request at the same time; retry.");
        problem.setTitle("Concurrent update");
        return problem;
    }

    /** The database refused a row the validation let through: still the client's input, never a 500. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail constraintViolation() {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The monitor breaks a constraint.");
        problem.setTitle("Invalid request");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = tooLargeBody(e);
        if (tooLarge != null) {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
            problem.setTitle("Content Too Large");
            return handleExceptionInternal(e, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        ProblemDetail problem = badRequest("Malformed request body", List.of(violationOf(e)));
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** The body stream gave up past the size limit (RequestBodyLimitFilter), wherever the parser wrapped that. */
    private static RequestBodyTooLargeException tooLargeBody(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    private static FieldViolation violationOf(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
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

    private static String describe(Class<?> type) {
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

    private static ProblemDetail badRequest(String title, List<FieldViolation> violations) {
        String fields =
                violations.stream().map(FieldViolation::field).distinct().collect(Collectors.joining(", "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid: " + fields);
        problem.setTitle(title);
        problem.setProperty("errors", violations);
        return problem;
    }
}
