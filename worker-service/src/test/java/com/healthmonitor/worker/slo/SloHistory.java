package com.healthmonitor.worker.slo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Gives a monitor an objective and a history of results, as the API and the worker's checks would write them. */
final class SloHistory {

    private final JdbcClient jdbc;

    SloHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void objective(long monitor, String objective, String period) {
        jdbc.sql(
                        "INSERT INTO monitor_slos (monitor_id, objective, period) VALUES (:id, CAST(:objective AS numeric), :period)")
                .param("id", monitor)
                .param("objective", objective)
                .param("period", period)
                .update();
    }

    /** One result a minute from {@code from} (inclusive) to {@code to} (exclusive), failing or not. */
    void results(long monitor, Instant from, Instant to, boolean success) {
        jdbc.sql("""
                        INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, status_code,
                                                   latency_ms, error)
                        SELECT :id, s, s, 1, :success, CASE WHEN :success THEN 200 ELSE 503 END, 40,
                               CASE WHEN NOT :success THEN 'unexpected status 503 (expected 200)' END
                        FROM generate_series(CAST(:from AS timestamptz), CAST(:to AS timestamptz) - interval '1 minute',
                                             interval '1 minute') AS s""")
                .param("id", monitor)
                .param("success", success)
                .param("from", from.atOffset(ZoneOffset.UTC))
                .param("to", to.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Results every minute for {@code length} up to {@code until}, the last {@code failing} minutes failing. */
    void history(long monitor, Instant until, Duration length, Duration failing) {
        results(monitor, until.minus(length), until.minus(failing), true);
        results(monitor, until.minus(failing), until, false);
    }
}
