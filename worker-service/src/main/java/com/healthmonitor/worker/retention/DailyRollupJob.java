package com.healthmonitor.worker.retention;

import static com.healthmonitor.common.database.Timestamps.instant;
import static com.healthmonitor.common.database.Timestamps.utc;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes the daily rollups of finished days from their hourly rollups, and each day's downtime and incidents from
 * the status changes (which are deleted long before the daily rollups). A day is finished once its late results
 * have arrived; until then, and for today, queries read the hourly rollups.
 *
 * <p>Idempotent by construction: each day is one transaction that deletes the day's daily rows, inserts them again
 * from the hourly ones, and advances {@code history_horizons.daily_rollups_until} past the day. A run killed at any
 * point leaves either the day done and marked, or nothing; the next run recomputes from the mark. Nothing is ever
 * added to an existing daily row, so nothing can be counted twice. The horizons row is locked for the day's
 * transaction, so workers running the job at the same time take turns and skip days already done.
 */
@Component
class DailyRollupJob {

    private static final Logger log = LoggerFactory.getLogger(DailyRollupJob.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final HistoryProperties properties;
    private final Clock clock;

    DailyRollupJob(JdbcClient jdbc, TransactionTemplate transactions, HistoryProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${health-monitor.history.rollup-initial-delay:30s}",
            fixedDelayString = "${health-monitor.history.rollup-interval:10m}")
    void scheduledRun() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("[ROLLUP] skipped, will retry next interval: {}", e.toString());
        }
    }

    /** Computes every finished day not yet computed; returns how many days it computed. */
    int run() {
        Instant finishedBefore = clock.instant().minus(properties.lateResults()).truncatedTo(ChronoUnit.DAYS);
        int days = 0;
        while (Boolean.TRUE.equals(transactions.execute(status -> computeNextDay(finishedBefore)))) {
            days++;
        }
        return days;
    }

    private boolean computeNextDay(Instant finishedBefore) {
        Instant day = jdbc.sql("SELECT daily_rollups_until FROM history_horizons FOR UPDATE")
                .query((rs, n) -> instant(rs, "daily_rollups_until"))
                .single();
        if (!day.isBefore(finishedBefore)) {
            return false;
        }
        Instant next = day.plus(1, ChronoUnit.DAYS);
        jdbc.sql("DELETE FROM check_rollups_daily WHERE day = :day")
                .param("day", utc(day))
                .update();
        int rows = jdbc.sql("""
                        INSERT INTO check_rollups_daily
                            (monitor_id, day, checks, failures, latency_count, latency_sum, latency_min, latency_max,
                             latency_histogram, downtime_seconds, incidents)
                        SELECT monitor_id, :day, coalesce(h.checks, 0), coalesce(h.failures, 0),
                               coalesce(h.latency_count, 0), coalesce(h.latency_sum, 0), h.latency_min,
                               h.latency_max, h.latency_histogram, coalesce(d.downtime_seconds, 0),
                               coalesce(d.incidents, 0)
                        FROM (SELECT monitor_id, sum(checks) AS checks, sum(failures) AS failures,
                                     sum(latency_count) AS latency_count, sum(latency_sum) AS latency_sum,
                                     min(latency_min) AS latency_min, max(latency_max) AS latency_max,
                                     histogram_sum(latency_histogram) AS latency_histogram
                              FROM check_rollups_hourly WHERE hour >= :day AND hour < :next
                              GROUP BY monitor_id) h
                        FULL JOIN (SELECT * FROM monitor_downtime(NULL, :day, :next)
                                   WHERE downtime_seconds > 0 OR incidents > 0) d USING (monitor_id)""").param("day", utc(day)).param("next", utc(next)).update();
        jdbc.sql("UPDATE history_horizons SET daily_rollups_until = :next")
                .param("next", utc(next))
                .update();
        log.info("[ROLLUP] day={} monitors={}", day, rows);
        return true;
    }
}
