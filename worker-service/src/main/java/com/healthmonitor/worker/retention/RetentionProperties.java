package com.healthmonitor.worker.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long history is kept, so the database stays bounded. How often retention runs is
 * {@code health-monitor.retention.interval} (default 1 h), read by {@link RetentionJob}.
 *
 * @param checkResults age after which check results are deleted (CHECK_RESULT_RETENTION)
 * @param statusChanges age after which delivered or undeliverable status changes are deleted
 * @param batchSize rows deleted per statement, to keep transactions and locks short
 */
@ConfigurationProperties("health-monitor.retention")
record RetentionProperties(
        Duration checkResults,
        Duration statusChanges,
        @DefaultValue("5000") int batchSize) {

    public RetentionProperties {
        if (checkResults.compareTo(Duration.ofHours(1)) < 0 || statusChanges.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("retention periods must be at least 1 h");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("retention batch size must be positive");
        }
    }
}
