package com.healthmonitor.api.ratelimit;

import com.healthmonitor.api.web.ProblemResponses;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} once a client has used its allowance. A client is its API key when it
 * presented a valid one, otherwise its IP address ({@link ClientRateLimiter#address}).
 */
public final class RateLimitFilter extends OncePerRequestFilter {

    private final ClientRateLimiter limiter;
    private final RequestMatcher exempt;

    RateLimitFilter(ClientRateLimiter limiter, RequestMatcher exempt) {
        this.limiter = limiter;
        this.exempt = exempt;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limiter.enabled() || exempt.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe = limiter.tryConsume(client(request));
        if (probe.isConsumed()) {
            response.setHeader("X-RateLimit-Limit", Integer.toString(limiter.perMinute()));
            response.setHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
            chain.doFilter(request, response);
            return;
        }
        tooManyRequests(response, probe, "More than " + limiter.perMinute() + " requests per minute");
    }

    /** The 429 problem with {@code Retry-After}, in whole seconds until the bucket has a token again. */
    static void tooManyRequests(HttpServletResponse response, ConsumptionProbe probe, String reason)
            throws IOException {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS, reason + "; retry after " + seconds + " s.");
    }

    /**
     * The client a request counts against: {@code key:<name>} for a valid API key, otherwise its address. Shared
     * with the other per-client limits (the {@code /events} streams), so that all count the same client.
     */
    public static String client(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "key:" + authentication.getName();
        }
        return ClientRateLimiter.address(request);
    }

    /** Builds the filter; the security configuration places it in its chain, after authentication. */
    @Component
    public static class Factory {

        private final ClientRateLimiter limiter;

        Factory(RateLimitProperties properties, Clock clock) {
            this.limiter = new ClientRateLimiter(properties.perMinute(), properties.maxClients(), clock);
        }

        public RateLimitFilter exempting(RequestMatcher exempt) {
            return new RateLimitFilter(limiter, exempt);
        }
    }
}
