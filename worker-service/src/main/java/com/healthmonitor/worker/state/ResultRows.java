package com.healthmonitor.worker.state;

import static com.healthmonitor.common.database.Timestamps.instant;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes a batch's results into the history, check_results, in one statement. */
@Component
class ResultRows {

    private final JdbcClient jdbc;

    ResultRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the results and returns the keys of those actually inserted. A result already there (a redelivered
     * batch, or another worker that got the same check) is not returned, so nothing that follows counts it twice.
     * Keys must be distinct within the batch.
     */
    Set<Recorded.Key> insert(List<Recorded> results) {
        if (results.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO check_results
                            (monitor_id, slot, checked_at, config_version, success, status_code, latency_ms, error,
                             tls_expires_at, in_maintenance, responded, location)
                        SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:slots AS timestamptz[]),
                                             CAST(:checkedAt AS timestamptz[]), CAST(:configVersions AS bigint[]),
                                             CAST(:success AS boolean[]), CAST(:statusCodes AS int[]),
                                             CAST(:latencies AS int[]), CAST(:errors AS text[]),
                                             CAST(:tlsExpiresAt AS timestamptz[]), CAST(:inMaintenance AS boolean[]),
                                             CAST(:responded AS boolean[]), CAST(:locations AS text[]))
                        ON CONFLICT (monitor_id, slot, location) DO NOTHING
                        RETURNING monitor_id, slot, location""")
                .param("ids", Batches.longs(results, Recorded::monitorId))
                .param("slots", Batches.timestamps(results, Recorded::slot))
                .param("checkedAt", Batches.timestamps(results, r -> r.result().checkedAt()))
                .param(
                        "configVersions",
                        Batches.longs(results, r -> r.checked().request().configVersion()))
                .param("success", Batches.booleans(results, r -> r.result().success()))
                .param("statusCodes", Batches.integers(results, r -> r.result().statusCode()))
                .param("latencies", Batches.integers(results, r -> r.result().latencyMs()))
                .param("errors", Batches.strings(results, r -> r.result().error()))
                .param("tlsExpiresAt", Batches.timestamps(results, r -> r.result()
                        .tlsExpiresAt()))
                .param("inMaintenance", Batches.booleans(results, Recorded::inMaintenance))
                .param("responded", Batches.booleans(results, r -> r.result().responded()))
                .param("locations", Batches.strings(results, Recorded::location))
                .query((rs, n) ->
                        new Recorded.Key(rs.getLong("monitor_id"), instant(rs, "slot"), rs.getString("location")))
                .list());
    }
}
