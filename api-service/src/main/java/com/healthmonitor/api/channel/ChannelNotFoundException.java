package com.healthmonitor.api.channel;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

class ChannelNotFoundException extends ErrorResponseException {

    ChannelNotFoundException(long id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(long id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No channel with id " + id);
        problem.setTitle("Channel not found");
        return problem;
    }
}
