package com.healthmonitor.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of monitoring as code.
 *
 * @param secretVariablePrefix a document's {@code ${env:NAME}} may name only environment variables starting with
 *     this, so that a key with the write scope cannot have the API send its own credentials (the database password,
 *     {@code API_KEYS}) to a webhook of its choosing; empty allows every variable ({@code CONFIG_SECRET_PREFIX})
 */
@ConfigurationProperties("health-monitor.config")
record ConfigProperties(String secretVariablePrefix) {

    ConfigProperties {
        if (secretVariablePrefix == null) {
            // Unset would mean "every variable": say so explicitly instead.
            throw new IllegalArgumentException(
                    "health-monitor.config.secret-variable-prefix (CONFIG_SECRET_PREFIX) must be set; empty allows every"
                            + " variable");
        }
    }
}
