package com.healthmonitor.api.slo;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 404 problem: the monitor exists but has no objective, or the tag has none. */
class SloNotFoundException extends ErrorResponseException {

    SloNotFoundException(long id) {
        super(
                HttpStatus.NOT_FOUND,
                problem("Monitor " + id + " has no SLO; set one with PUT /monitors/" + id + "/slo"),
                null);
    }

    SloNotFoundException(String tag) {
        super(HttpStatus.NOT_FOUND, problem("Tag " + tag + " has no SLO; set one with PUT /slos/tags/" + tag), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("SLO not found");
        return problem;
    }
}
