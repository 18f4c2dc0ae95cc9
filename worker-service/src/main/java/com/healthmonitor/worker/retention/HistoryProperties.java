package com.healthmonitor.worker.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the check history is stored and kept.
 *
 * @param hourlyRollups age after which hourly rollups are deleted (HOURLY_ROLLUP_RETENTION); at most as long as
 *     status changes are kept, because the partial days a query reads from hourly rollups need status changes for
 *     their downtime
 * @param dailyRollups age after which daily rollups are deleted (DAILY_ROLLUP_RETENTION)
 * @param partitionsAhead days after today whose check_results partitions are created in advance
 * @param lateResults how long after its end a day still receives results (checks of its last slots, retried
 *     messages); its daily rollup is computed only then
 */
@ConfigurationProperties("health-monitor.history")
record HistoryProperties(
        Duration hourlyRollups,
        Duration dailyRollups,
        @DefaultValue("3") int partitionsAhead,
        @DefaultValue("3h") Duration lateResults) {

    public HistoryProperties {
        if (hourlyRollups == null || hourlyRollups.compareTo(Duration.ofDays(2)) < 0) {
            throw new IllegalArgumentException("hourly rollups must be kept at least 2 days");
        }
        if (dailyRollups == null || dailyRollups.compareTo(hourlyRollups) < 0) {
            throw new IllegalArgumentException("daily rollups must be kept at least as long as hourly ones");
        }
        if (partitionsAhead < 1 || partitionsAhead > 30) {
            throw new IllegalArgumentException("partitions ahead must be between 1 and 30 days");
        }
        if (lateResults.isNegative() || lateResults.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("late results margin must be between 0 and 1 day");
        }
    }
}
