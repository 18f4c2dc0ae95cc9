package com.healthmonitor.api.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the REST API.
 *
 * @param minCheckInterval the shortest check_interval a monitor may have, seconds ({@code MIN_CHECK_INTERVAL})
 * @param allowPrivateTargets accept loopback/private targets and http webhooks, for local testing
 *     ({@code ALLOW_PRIVATE_TARGETS})
 * @param apiKeys keys accepted in {@code Authorization: Bearer} or {@code X-API-Key}; none means the API is open
 *     ({@code API_KEYS}, comma-separated)
 * @param defaultPageSize monitors listed when no {@code limit} is given
 * @param maxPageSize the largest {@code limit} accepted
 */
@ConfigurationProperties("health-monitor.api")
public record ApiProperties(
        int minCheckInterval,
        boolean allowPrivateTargets,
        List<String> apiKeys,
        @DefaultValue("500") int defaultPageSize,
        @DefaultValue("1000") int maxPageSize) {

    public static final int MAX_CHECK_INTERVAL = 3600;

    public ApiProperties {
        if (minCheckInterval < 2 || minCheckInterval > MAX_CHECK_INTERVAL) {
            throw new IllegalArgumentException("MIN_CHECK_INTERVAL must be between 2 and 3600 seconds");
        }
        if (defaultPageSize < 1 || maxPageSize < defaultPageSize) {
            throw new IllegalArgumentException("page sizes must satisfy 1 <= default <= max");
        }
        apiKeys = apiKeys == null
                ? List.of()
                : apiKeys.stream()
                        .map(String::trim)
                        .filter(key -> !key.isEmpty())
                        .toList();
    }
}
