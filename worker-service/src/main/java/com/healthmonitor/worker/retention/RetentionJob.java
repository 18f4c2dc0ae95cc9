package com.healthmonitor.worker.retention;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the history bounded: deletes old check results and finished status changes in small batches, each its own
 * short transaction. SKIP LOCKED lets several workers run it at once without waiting on each other's rows.
 */
@Component
class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionJob(JdbcClient jdbc, TransactionTemplate transactions, RetentionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = transactions;
        this.properties = properties;
    }

    @Scheduled(
            initialDelayString = "${health-monitor.retention.initial-delay:1m}",
            fixedDelayString = "${health-monitor.retention.interval:1h}")
    void scheduledRun() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("[RETENTION] skipped, will retry next interval: {}", e.toString());
        }
    }

    /** Returns the number of rows deleted. */
    long run() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        long results = deleteInBatches("""
                DELETE FROM check_results WHERE (monitor_id, slot) IN (
                    SELECT monitor_id, slot FROM check_results WHERE checked_at < :cutoff
                    LIMIT :batch FOR UPDATE SKIP LOCKED)""", now.minus(properties.checkResults()));
        long changes = deleteInBatches("""
                DELETE FROM status_changes WHERE id IN (
                    SELECT id FROM status_changes WHERE delivery <> 'PENDING' AND changed_at < :cutoff
                    LIMIT :batch FOR UPDATE SKIP LOCKED)""", now.minus(properties.statusChanges()));
        // Deliveries of a status change go with it; reminders, summaries and tests age out on their own.
        long deliveries = deleteInBatches("""
                DELETE FROM deliveries WHERE id IN (
                    SELECT id FROM deliveries
                    WHERE status_change_id IS NULL AND status <> 'PENDING' AND created_at < :cutoff
                    LIMIT :batch FOR UPDATE SKIP LOCKED)""", now.minus(properties.statusChanges()));
        if (results + changes + deliveries > 0) {
            log.info(
                    "[RETENTION] deleted check_results={} status_changes={} deliveries={}",
                    results,
                    changes,
                    deliveries);
        }
        return results + changes + deliveries;
    }

    private long deleteInBatches(String sql, OffsetDateTime cutoff) {
        long total = 0;
        while (true) {
            Integer deleted = transactions.execute(status -> jdbc.sql(sql)
                    .param("cutoff", cutoff)
                    .param("batch", properties.batchSize())
                    .update());
            total += deleted == null ? 0 : deleted;
            if (deleted == null || deleted < properties.batchSize()) {
                return total;
            }
        }
    }
}
