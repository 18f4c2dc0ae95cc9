package com.healthmonitor.worker.retention;

import static com.healthmonitor.common.database.Timestamps.utc;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the history bounded. Check results go by whole daily partitions (a day is dropped once its end is older than
 * CHECK_RESULT_RETENTION), rollups and finished status changes by age in small batches, each its own short
 * transaction; SKIP LOCKED lets several workers run it at once. The history horizons move forward before anything is
 * deleted, so a query never reads a half-deleted period as if it were complete.
 */
@Component
class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RetentionProperties retention;
    private final HistoryProperties history;
    private final Clock clock;

    RetentionJob(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            RetentionProperties retention,
            HistoryProperties history,
            Clock clock) {
        if (retention.statusChanges().compareTo(history.hourlyRollups()) < 0) {
            throw new IllegalArgumentException("STATUS_CHANGE_RETENTION (" + retention.statusChanges()
                    + ") must be at least HOURLY_ROLLUP_RETENTION (" + history.hourlyRollups() + ")");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = transactions;
        this.retention = retention;
        this.history = history;
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

    /** Returns the number of partitions and rows deleted. */
    long run() {
        Instant now = clock.instant();
        LocalDate resultsCutoff = LocalDate.ofInstant(now.minus(retention.checkResults()), ZoneOffset.UTC);
        Instant hourlyCutoff = now.minus(history.hourlyRollups()).truncatedTo(ChronoUnit.HOURS);
        Instant dailyCutoff = now.minus(history.dailyRollups()).truncatedTo(ChronoUnit.DAYS);
        Instant changesCutoff = now.minus(retention.statusChanges());
        jdbc.sql("""
                        UPDATE history_horizons SET
                            raw_results_from = greatest(raw_results_from, :results),
                            hourly_rollups_from = greatest(hourly_rollups_from, :hourly),
                            status_changes_from = greatest(status_changes_from, :changes)""")
                .param("results", utc(resultsCutoff.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param("hourly", utc(hourlyCutoff))
                .param("changes", utc(changesCutoff))
                .update();

        long partitions = dropResultPartitions(resultsCutoff);
        long rows = deleteInBatches(
                """
                DELETE FROM check_results_default WHERE ctid IN (
                    SELECT ctid FROM check_results_default WHERE slot < :cutoff
                    LIMIT :batch FOR UPDATE SKIP LOCKED)""", utc(resultsCutoff.atStartOfDay(ZoneOffset.UTC).toInstant()));
        long hourly = deleteInBatches("""
                DELETE FROM check_rollups_hourly WHERE (monitor_id, hour) IN (
                    SELECT monitor_id, hour FROM check_rollups_hourly WHERE hour < :cutoff
                    LIMIT :batch FOR UPDATE SKIP LOCKED)""", utc(hourlyCutoff));
        long daily = deleteInBatches("""
                DELETE FROM check_rollups_daily WHERE (monitor_id, day) IN (
                    SELECT monitor_id, day FROM check_rollups_daily WHERE day < :cutoff
                    LIMIT :batch FOR UPDATE SKIP LOCKED)""", utc(dailyCutoff));
        // After the monitors' rollups, whose deletion subtracts them from these (trigger, V12): an hour of the fleet
        // deleted first would be recreated by that subtraction.
        hourly += deleteInBatches("""
                DELETE FROM fleet_rollups_hourly WHERE (hour, enabled) IN (
                    SELECT hour, enabled FROM fleet_rollups_hourly WHERE hour < :cutoff
                    LIMIT :batch FOR UPDATE SKIP LOCKED)""", utc(hourlyCutoff));
        daily += deleteInBatches("""
                DELETE FROM fleet_rollups_daily WHERE (day, enabled) IN (
                    SELECT day, enabled FROM fleet_rollups_daily WHERE day < :cutoff
                    LIMIT :batch FOR UPDATE SKIP LOCKED)""", utc(dailyCutoff));
        long changes = deleteInBatches("""
                DELETE FROM status_changes WHERE id IN (
                    SELECT id FROM status_changes WHERE delivery <> 'PENDING' AND changed_at < :cutoff
                    LIMIT :batch FOR UPDATE SKIP LOCKED)""", utc(changesCutoff));
        // A deleted monitor's alerts that were still pending at its deletion, once delivered or given up.
        changes += deleteInBatches("""
                DELETE FROM status_changes WHERE id IN (
                    SELECT s.id FROM status_changes s
                    WHERE s.delivery <> 'PENDING' AND s.changed_at < :cutoff
                      AND NOT EXISTS (SELECT 1 FROM monitors m WHERE m.id = s.monitor_id)
                    LIMIT :batch FOR UPDATE SKIP LOCKED)""", utc(now));
        // Deliveries of a status change go with it; reminders, summaries and tests age out on their own.
        long deliveries = deleteInBatches("""
                DELETE FROM deliveries WHERE id IN (
                    SELECT id FROM deliveries
                    WHERE status_change_id IS NULL AND status <> 'PENDING' AND created_at < :cutoff
                    LIMIT :batch FOR UPDATE SKIP LOCKED)""", utc(changesCutoff));
        long total = partitions + rows + hourly + daily + changes + deliveries;
        if (total > 0) {
            log.info(
                    "[RETENTION] dropped check_results partitions={} deleted check_results={} hourly_rollups={}"
                            + " daily_rollups={} status_changes={} deliveries={}",
                    partitions,
                    rows,
                    hourly,
                    daily,
                    changes,
                    deliveries);
        }
        return total;
    }

    /** Drops the daily partitions of days before {@code cutoff}, whole: no row-by-row delete, no bloat. */
    private long dropResultPartitions(LocalDate cutoff) {
        List<String> expired =
                jdbc.sql("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = 'check_results'::regclass
                          AND c.relname ~ '^check_results_[0-9]{8}$'
                          AND to_date(right(c.relname, 8), 'YYYYMMDD') < :cutoff
                        ORDER BY c.relname""").param("cutoff", cutoff).query(String.class).list();
        for (String partition : expired) {
            // Through the owner's function (V8): the worker's own database role may not drop tables.
            transactions.executeWithoutResult(status -> {
                jdbc.sql("SET LOCAL lock_timeout = '2s'").update();
                jdbc.sql("SELECT drop_check_results_partition(:partition)")
                        .param("partition", partition)
                        .query()
                        .singleRow();
            });
        }
        return expired.size();
    }

    private long deleteInBatches(String sql, OffsetDateTime cutoff) {
        long total = 0;
        while (true) {
            Integer deleted = transactions.execute(status -> jdbc.sql(sql)
                    .param("cutoff", cutoff)
                    .param("batch", retention.batchSize())
                    .update());
            total += deleted == null ? 0 : deleted;
            if (deleted == null || deleted < retention.batchSize()) {
                return total;
            }
        }
    }
}
