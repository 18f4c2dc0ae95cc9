package com.healthmonitor.worker.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long history is kept, so the database stays bounded.
 *
 * @param checkResults age after which check results are deleted (CHECK_RESULT_RETENTION)
 * @param statusChanges age after which delivered or undeliverable status changes are deleted
 * @param interval time between retention runs
 * @param batchSize rows deleted per statement, to keep transactions and locks short
 */
@ConfigurationProperties("health-monitor.retention")
public record RetentionProperties(
        @DefaultValue("7d") Duration checkResults,
        @DefaultValue("90d") Duration statusChanges,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("5000") int batchSize) {

    public RetentionProperties {
        if (checkResults.compareTo(Duration.ofHours(1)) < 0 || statusChanges.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("retention periods must be at least 1 h");
        }
        if (interval.isNegative() || interval.isZero() || batchSize < 1) {
            throw new IllegalArgumentException("retention interval and batch size must be positive");
        }
    }
}
