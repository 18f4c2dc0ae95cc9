package com.healthmonitor.api.monitor;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Rendered by Spring as a 404 problem+json. */
class MonitorNotFoundException extends ErrorResponseException {

    MonitorNotFoundException(long id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(long id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No monitor with id " + id);
        problem.setTitle("Monitor not found");
        return problem;
    }
}
