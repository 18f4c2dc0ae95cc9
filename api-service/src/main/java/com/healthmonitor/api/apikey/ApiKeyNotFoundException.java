package com.healthmonitor.api.apikey;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Rendered by Spring as a 404 problem+json. */
class ApiKeyNotFoundException extends ErrorResponseException {

    ApiKeyNotFoundException(long id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(long id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No API key with id " + id);
        problem.setTitle("API key not found");
        return problem;
    }
}
