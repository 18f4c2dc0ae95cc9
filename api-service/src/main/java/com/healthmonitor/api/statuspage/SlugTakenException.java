package com.healthmonitor.api.statuspage;

import com.healthmonitor.api.web.FieldViolation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Another page has the slug: a 409 problem naming the field, like the 400s. */
class SlugTakenException extends ErrorResponseException {

    SlugTakenException(String slug) {
        super(HttpStatus.CONFLICT, problem(slug), null);
    }

    private static ProblemDetail problem(String slug) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Invalid: slug (\"" + slug + "\" is taken)");
        problem.setTitle("Slug already in use");
        problem.setProperty("errors", List.of(new FieldViolation("slug", "is already used by another status page")));
        return problem;
    }
}
