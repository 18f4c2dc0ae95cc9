package com.healthmonitor.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter but for {@link SecurityHeadersFilter}, so that no error leaves the API without a problem body.
 *
 * <p>Before the chain: Tomcat parses the query string lazily and throws from {@code getParameter} when it cannot
 * (e.g. {@code ?=0x10}, bad percent-encoding), deep inside whichever filter asks first, as a 500 with a logged
 * stack trace. Asking first, here, turns that into a 400 problem. A wildcard or malformed Content-Type is a 415.
 *
 * <p>After the chain: an error status with no body at all (the actuator's 404 for an unknown health group, for
 * one) gets a problem body. Errors sent with {@code sendError} are left alone: Tomcat forwards them to
 * {@code /error}, which answers the problem.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ProblemFallbackFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (IllegalStateException | IllegalArgumentException e) {
            ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "The query string cannot be parsed.");
            return;
        }
        if (!concreteContentType(request.getContentType())) {
            ProblemResponses.write(
                    response,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be a single concrete media type, such as application/json.");
            return;
        }
        ErrorTrackingResponse tracked = new ErrorTrackingResponse(response);
        chain.doFilter(withoutBlankAccept(request), tracked);
        HttpStatus status = HttpStatus.resolve(response.getStatus());
        if (!tracked.errorSent
                && !response.isCommitted()
                && response.getContentType() == null
                && status != null
                && status.isError()) {
            ProblemResponses.write(response, status, status.getReasonPhrase() + ".");
        }
    }

    /**
     * Spring refuses to represent a wildcard or malformed Content-Type and throws where it reads one (an actuator
     * endpoint, for one), which would be a 500.
     */
    private static boolean concreteContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /**
     * An empty {@code Accept:} is read as "anything", as if absent: the Prometheus endpoint, for one, finds no
     * format for it and fails with a NullPointerException (a 500).
     */
    private static HttpServletRequest withoutBlankAccept(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || !accept.isBlank()) {
            return request;
        }
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return HttpHeaders.ACCEPT.equalsIgnoreCase(name)
                        ? Collections.emptyEnumeration()
                        : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                        .filter(name -> !HttpHeaders.ACCEPT.equalsIgnoreCase(name))
                        .toList());
            }
        };
    }

    private static final class ErrorTrackingResponse extends HttpServletResponseWrapper {

        private boolean errorSent;

        ErrorTrackingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            errorSent = true;
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            errorSent = true;
            super.sendError(status, message);
        }
    }
}
