package com.healthmonitor.api.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Rendered by Spring as a 404 problem+json; thrown by every feature that is asked about a monitor. */
public class MonitorNotFoundException extends ErrorResponseException {

    public MonitorNotFoundException(long id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(long id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No monitor with id " + id);
        problem.setTitle("Monitor not found");
        return problem;
    }
}
