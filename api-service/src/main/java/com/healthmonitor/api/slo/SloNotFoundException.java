package com.healthmonitor.api.slo;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 404 problem: the monitor exists but has no objective. */
class SloNotFoundException extends ErrorResponseException {

    SloNotFoundException(long id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(long id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND, "Monitor " + id + " has no SLO; set one with PUT /monitors/" + id + "/slo");
        problem.setTitle("SLO not found");
        return problem;
    }
}
