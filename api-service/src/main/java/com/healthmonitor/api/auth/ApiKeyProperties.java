package com.healthmonitor.api.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param apiKeys keys accepted in {@code Authorization: Bearer} or {@code X-API-Key} ({@code API_KEYS},
 *     comma-separated); each at least {@link #MIN_KEY_LENGTH} characters. Without keys the API does not start
 *     unless one of the two settings below allows requests without a key
 * @param allowAnonymous serve every route without a key ({@code ALLOW_ANONYMOUS}), the explicit opt-out
 * @param anonymousOnLoopback serve without a key while listening on a loopback address only; the standalone sets it,
 *     so that a local run needs no key while nothing beyond the machine can reach it
 */
@ConfigurationProperties("health-monitor.api")
record ApiKeyProperties(List<String> apiKeys, boolean allowAnonymous, boolean anonymousOnLoopback) {

    /** 32 characters of {@code openssl rand -hex 24}-style randomness are far beyond any guessing rate. */
    static final int MIN_KEY_LENGTH = 32;

    ApiKeyProperties {
        apiKeys = apiKeys == null
                ? List.of()
                : apiKeys.stream()
                        .map(String::trim)
                        .filter(key -> !key.isEmpty())
                        .toList();
    }
}
