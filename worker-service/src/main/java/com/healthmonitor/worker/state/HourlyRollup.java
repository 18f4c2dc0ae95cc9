package com.healthmonitor.worker.state;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Adds recorded check results to their monitors' hourly rollups (the UTC hour of the slot). It runs in the transaction
 * that inserts the results and only for those actually inserted, so every result is counted exactly once: a
 * redelivery inserts nothing and adds nothing, a rollback undoes both.
 *
 * <p>One upsert per batch. The statement groups the batch by monitor and hour first (an upsert may not touch a row
 * twice) with the same SQL functions the daily rollup uses, so the histogram buckets live in one place.
 */
@Component
class HourlyRollup {

    private final JdbcClient jdbc;

    HourlyRollup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds results that count as they are: each failure is a failure. */
    void addAll(List<Recorded> results) {
        add(results.stream()
                .map(r -> new Row(
                        r.monitorId(),
                        r.slot(),
                        r.result().success(),
                        r.result().responded() ? r.result().latencyMs() : null))
                .toList());
    }

    /**
     * Adds rows as given: a result of a monitor checked from several locations counts as failed only when its slot
     * was confirmed failed.
     *
     * @param latency the latency of a check whose target answered, else null
     */
    record Row(long monitorId, Instant slot, boolean success, Integer latency) {}

    void add(List<Row> results) {
        if (results.isEmpty()) {
            return;
        }
        // Latency statistics cover checks whose target answered; a timeout's "latency" is only the timeout.
        jdbc.sql("""
                        INSERT INTO check_rollups_hourly AS r
                            (monitor_id, hour, checks, failures, latency_count, latency_sum, latency_min, latency_max,
                             latency_histogram)
                        SELECT v.id, date_trunc('hour', v.slot, 'UTC'), count(*), count(*) FILTER (WHERE NOT v.success),
                               count(v.latency), coalesce(sum(v.latency), 0), min(v.latency), max(v.latency),
                               histogram_sum(latency_histogram(v.latency))
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:slots AS timestamptz[]), CAST(:success AS boolean[]),
                                    CAST(:latencies AS int[])) AS v(id, slot, success, latency)
                        GROUP BY 1, 2
                        ON CONFLICT (monitor_id, hour) DO UPDATE SET
                            checks = r.checks + EXCLUDED.checks,
                            failures = r.failures + EXCLUDED.failures,
                            latency_count = r.latency_count + EXCLUDED.latency_count,
                            latency_sum = r.latency_sum + EXCLUDED.latency_sum,
                            latency_min = least(r.latency_min, EXCLUDED.latency_min),
                            latency_max = greatest(r.latency_max, EXCLUDED.latency_max),
                            latency_histogram = histogram_add(r.latency_histogram, EXCLUDED.latency_histogram)""")
                .param("ids", Batches.longs(results, Row::monitorId))
                .param("slots", Batches.timestamps(results, Row::slot))
                .param("success", Batches.booleans(results, Row::success))
                .param("latencies", Batches.integers(results, Row::latency))
                .update();
    }
}
