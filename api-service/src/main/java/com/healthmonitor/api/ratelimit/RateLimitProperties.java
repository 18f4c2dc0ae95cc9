package com.healthmonitor.api.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests each client may make.
 *
 * @param perMinute requests per minute per API key, or per client IP when no keys are configured; 0 switches the
 *     limit off ({@code RATE_LIMIT_PER_MINUTE})
 * @param failedAuthenticationsPerMinute wrong API keys per client IP and minute; beyond it the client gets 429
 *     instead of 401 until the minute is over, while a valid key from the same address keeps working; 0 switches
 *     the limit off ({@code FAILED_AUTHENTICATIONS_PER_MINUTE})
 * @param maxClients clients tracked at once; the least recently seen are forgotten beyond it, which only gives
 *     them a fresh allowance
 */
@ConfigurationProperties("health-monitor.api.rate-limit")
public record RateLimitProperties(
        int perMinute,
        int failedAuthenticationsPerMinute,
        @DefaultValue("100000") int maxClients) {

    public RateLimitProperties {
        if (perMinute < 0) {
            throw new IllegalArgumentException("RATE_LIMIT_PER_MINUTE must be 0 (off) or positive");
        }
        if (failedAuthenticationsPerMinute < 0) {
            throw new IllegalArgumentException("FAILED_AUTHENTICATIONS_PER_MINUTE must be 0 (off) or positive");
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("rate-limit max-clients must be positive");
        }
    }
}
