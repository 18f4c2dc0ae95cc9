package com.healthmonitor.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be.
 *
 * @param maxRequestBodySize the largest body accepted; larger ones are a 413 ({@code MAX_REQUEST_BODY_SIZE})
 */
@ConfigurationProperties("health-monitor.api")
record RequestBodyLimitProperties(DataSize maxRequestBodySize) {

    RequestBodyLimitProperties {
        if (maxRequestBodySize == null || maxRequestBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("MAX_REQUEST_BODY_SIZE must be positive, e.g. 1MB");
        }
    }
}
