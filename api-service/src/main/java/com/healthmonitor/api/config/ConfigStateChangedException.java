package com.healthmonitor.api.config;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An apply whose If-Match is not the etag of the configuration as it is now: a 412, plan again. */
class ConfigStateChangedException extends ErrorResponseException {

    ConfigStateChangedException(String expected, String current) {
        super(HttpStatus.PRECONDITION_FAILED, problem(expected, current), null);
    }

    private static ProblemDetail problem(String expected, String current) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.PRECONDITION_FAILED,
                "The configuration changed since the plan (If-Match " + expected + ", now " + current
                        + "): plan again and review the new plan.");
        problem.setTitle("Configuration changed");
        problem.setProperty("etag", current);
        return problem;
    }
}
