package com.healthmonitor.worker.state;

import com.healthmonitor.worker.result.CheckResult;
import java.sql.Types;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Adds a recorded check result to its monitor's hourly rollup (the UTC hour of its slot). It runs in the transaction
 * that inserts the result and only when the insert happened, so every result is counted exactly once: a redelivery
 * inserts nothing and adds nothing, a rollback undoes both. One upsert that adds deltas, so a batched write path can
 * pre-aggregate several results of one monitor and hour into one call.
 */
@Component
class HourlyRollup {

    private final JdbcClient jdbc;

    HourlyRollup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(long monitorId, Instant slot, CheckResult result) {
        // Latency statistics cover checks that got a response; a timeout's "latency" is only the timeout.
        Integer latency = result.statusCode() == null ? null : result.latencyMs();
        jdbc.sql("""
                        INSERT INTO check_rollups_hourly AS r
                            (monitor_id, hour, checks, failures, latency_count, latency_sum, latency_min, latency_max,
                             latency_histogram)
                        VALUES (:id, date_trunc('hour', :slot, 'UTC'), 1, :failures, :latencyCount,
                                coalesce(:latency, 0), :latency, :latency, latency_histogram(:latency))
                        ON CONFLICT (monitor_id, hour) DO UPDATE SET
                            checks = r.checks + EXCLUDED.checks,
                            failures = r.failures + EXCLUDED.failures,
                            latency_count = r.latency_count + EXCLUDED.latency_count,
                            latency_sum = r.latency_sum + EXCLUDED.latency_sum,
                            latency_min = least(r.latency_min, EXCLUDED.latency_min),
                            latency_max = greatest(r.latency_max, EXCLUDED.latency_max),
                            latency_histogram = histogram_add(r.latency_histogram, EXCLUDED.latency_histogram)""")
                .param("id", monitorId)
                .param("slot", ResultRecorder.timestamp(slot))
                .param("failures", result.success() ? 0 : 1)
                .param("latencyCount", latency == null ? 0 : 1)
                .param("latency", latency, Types.INTEGER)
                .update();
    }
}
