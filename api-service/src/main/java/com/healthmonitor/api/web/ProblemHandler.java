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
        String expected = e.getRequiredType() == null ? "value" : JsonViolations.describe(e.getRequiredType());
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
        return JsonViolations.of(e.getCause());
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
