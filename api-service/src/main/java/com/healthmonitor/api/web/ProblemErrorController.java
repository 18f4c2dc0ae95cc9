package com.healthmonitor.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error JSON: whatever the container forwards to {@code /error} (a {@code sendError} from
 * Tomcat or a filter, an unsupported method such as TRACE) is answered as problem+json with the original status,
 * whatever the client's {@code Accept} says. Called directly, {@code /error} is just a path that does not exist.
 */
@Hidden // not part of the API: what the container forwards errors to
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatus status = statusOf(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        String detail =
                switch (status) {
                    case NOT_FOUND -> "No such resource.";
                    case METHOD_NOT_ALLOWED -> "The method is not supported here.";
                    default -> status.getReasonPhrase() + ".";
                };
        ProblemResponses.write(response, status, detail);
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
