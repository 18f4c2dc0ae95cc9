package com.healthmonitor.api.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error JSON: whatever the container forwards to {@code /error} (a {@code sendError} from
 * Tomcat or a filter, an unsupported method such as TRACE) is answered as problem+json with the original status.
 * Called directly, {@code /error} is just a path that does not exist.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "/error", produces = MediaType.APPLICATION_PROBLEM_JSON_VALUE)
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        ProblemDetail problem = ProblemDetail.forStatus(status);
        if (status == HttpStatus.NOT_FOUND) {
            problem.setDetail("No such resource.");
        } else if (status == HttpStatus.METHOD_NOT_ALLOWED) {
            problem.setDetail("The method is not supported here.");
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static HttpStatus statusOf(Object attribute) {
        if (attribute instanceof Integer code) {
            HttpStatus status = HttpStatus.resolve(code);
            if (status != null && status.isError()) {
                return status;
            }
        }
        // No error being forwarded: someone asked for /error itself.
        return HttpStatus.NOT_FOUND;
    }
}
