package com.healthmonitor.api.web;

import java.io.IOException;

/**
 * Thrown by the body stream of {@link RequestBodyLimitFilter} once a body sent without a length grows beyond the
 * limit; it reaches {@link ProblemHandler} as the cause of the parser's failure and becomes a 413.
 */
class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(long limit) {
        super(RequestBodyLimitFilter.detail(limit), null);
    }
}
