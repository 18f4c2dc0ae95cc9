package com.healthmonitor.api.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param apiKeys keys accepted in {@code Authorization: Bearer} or {@code X-API-Key}; none means the API is open
 *     ({@code API_KEYS}, comma-separated)
 */
@ConfigurationProperties("health-monitor.api")
record ApiKeyProperties(List<String> apiKeys) {

    ApiKeyProperties {
        apiKeys = apiKeys == null
                ? List.of()
                : apiKeys.stream()
                        .map(String::trim)
                        .filter(key -> !key.isEmpty())
                        .toList();
    }
}
