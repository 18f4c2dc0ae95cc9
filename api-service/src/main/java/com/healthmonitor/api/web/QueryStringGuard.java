package com.healthmonitor.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tomcat parses the query string lazily and throws from {@code getParameter} when it cannot (e.g.
 * {@code ?=0x10}, bad percent-encoding), deep inside whichever filter asks first, as a 500 with a logged stack
 * trace. Asking first, here, turns that into a 400 problem before anything else runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueryStringGuard extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (IllegalStateException | IllegalArgumentException e) {
            ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "The query string cannot be parsed.");
            return;
        }
        chain.doFilter(request, response);
    }
}
