package com.healthmonitor.api.heartbeat;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Heartbeat pings.
 *
 * @param publicBaseUrl the API's address as jobs reach it ({@code PUBLIC_BASE_URL}, e.g.
 *     {@code https://monitor.example.com}); empty: the address of the request that creates the monitor (its
 *     {@code X-Forwarded-*} headers count when {@code server.forward-headers-strategy} says to trust them)
 * @param pingsPerSecond pings one token may send per second, with bursts of as many; beyond it 429
 *     ({@code HEARTBEAT_PINGS_PER_SECOND})
 */
@ConfigurationProperties("health-monitor.api.heartbeat")
public record HeartbeatProperties(String publicBaseUrl, int pingsPerSecond) {

    public HeartbeatProperties {
        if (publicBaseUrl != null && !publicBaseUrl.isBlank()) {
            URI uri;
            try {
                uri = URI.create(publicBaseUrl.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PUBLIC_BASE_URL is not a URL: " + e.getMessage(), e);
            }
            if (uri.getScheme() == null
                    || !uri.getScheme().matches("(?i)https?")
                    || uri.getHost() == null
                    || uri.getQuery() != null
                    || uri.getFragment() != null) {
                throw new IllegalArgumentException(
                        "PUBLIC_BASE_URL must be an absolute http(s) URL without query, like https://monitor.example.com");
            }
            publicBaseUrl = publicBaseUrl.strip().replaceAll("/+$", "");
        } else {
            publicBaseUrl = null;
        }
        if (pingsPerSecond < 1) {
            throw new IllegalArgumentException("HEARTBEAT_PINGS_PER_SECOND must be positive");
        }
    }
}
