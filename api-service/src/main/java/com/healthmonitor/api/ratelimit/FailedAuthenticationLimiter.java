package com.healthmonitor.api.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Limits key guessing: each wrong key costs its client address one of a small allowance, counted before the
 * answer is written; beyond it the answer is 429 instead of 401. Only failures count, so a valid key from the same
 * address keeps working (a neighbour behind the same NAT cannot lock out the owner of a key).
 */
@Component
public class FailedAuthenticationLimiter {

    private final ClientRateLimiter limiter;

    FailedAuthenticationLimiter(RateLimitProperties properties, Clock clock) {
        this.limiter =
                new ClientRateLimiter(properties.failedAuthenticationsPerMinute(), properties.maxClients(), clock);
    }

    /**
     * Counts one failed authentication of the request's client; when that is one too many, answers 429 with
     * {@code Retry-After} and returns true, so the caller writes nothing more.
     */
    public boolean refusedAfterFailure(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!limiter.enabled()) {
            return false;
        }
        ConsumptionProbe probe = limiter.tryConsume(ClientRateLimiter.address(request));
        if (probe.isConsumed()) {
            return false;
        }
        RateLimitFilter.tooManyRequests(
                response, probe, "More than " + limiter.perMinute() + " failed authentications per minute");
        return true;
    }
}
