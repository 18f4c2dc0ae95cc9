package com.healthmonitor.api.maintenance;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

class MaintenanceWindowNotFoundException extends ErrorResponseException {

    MaintenanceWindowNotFoundException(long id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(long id) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No maintenance window with id " + id);
        problem.setTitle("Maintenance window not found");
        return problem;
    }
}
