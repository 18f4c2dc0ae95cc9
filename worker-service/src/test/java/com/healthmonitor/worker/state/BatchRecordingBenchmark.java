package com.healthmonitor.worker.state;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.database.Timestamps;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applying 50 results as one batch against applying them one at a time, on the embedded PostgreSQL; and the history
 * insert alone as one {@code unnest} statement against a JDBC batch. Run with {@code ./mvnw -B -pl worker-service -am
 * verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=BatchRecordingBenchmark -Dgroups=benchmark
 * -Dtest.excludedGroups=} (option: -Dbenchmark.rounds=100).
 */
@Tag("benchmark")
@WorkerIntegrationTest
class BatchRecordingBenchmark {

    private static final int BATCH = 50;
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 100);

    @Autowired
    private ResultRecorder recorder;

    @Autowired
    private ResultRows history;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private NamedParameterJdbcTemplate named;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void comparesABatchOfFiftyWithFiftySingleApplies() {
        List<Long> ids = IntStream.range(0, BATCH)
                .mapToObj(i -> new Monitors(jdbc).insert("bench-" + i, "https://example.test", null))
                .toList();
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS);
        int[] round = {0};
        IntConsumer batched = r -> recorder.applyAll(batch(ids, start.plusSeconds(r)));
        IntConsumer single =
                r -> batch(ids, start.plusSeconds(r)).forEach(c -> recorder.apply(c.request(), c.result()));
        IntConsumer unnestInsert =
                r -> transactions.executeWithoutResult(status -> history.insert(recorded(ids, start.plusSeconds(r))));
        IntConsumer jdbcBatchInsert =
                r -> transactions.executeWithoutResult(status -> jdbcBatch(recorded(ids, start.plusSeconds(r))));

        report("applyAll, one batch of 50", time(batched, round));
        report("apply, 50 single results", time(single, round));
        report("history insert, unnest", time(unnestInsert, round));
        report("history insert, JDBC batch", time(jdbcBatchInsert, round));
    }

    private double[] time(IntConsumer action, int[] round) {
        for (int i = 0; i < ROUNDS / 5; i++) {
            action.accept(round[0]++);
        }
        double[] millis = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long began = System.nanoTime();
            action.accept(round[0]++);
            millis[i] = (System.nanoTime() - began) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static void report(String what, double[] sorted) {
        System.out.printf(
                "[BENCHMARK] %-30s p50 %6.2f ms  p90 %6.2f ms  per result %5.3f ms%n",
                what, sorted[sorted.length / 2], sorted[sorted.length * 9 / 10], sorted[sorted.length / 2] / BATCH);
    }

    private void jdbcBatch(List<Recorded> results) {
        named.batchUpdate(
                """
                INSERT INTO check_results
                    (monitor_id, slot, checked_at, config_version, success, status_code, latency_ms, error,
                     tls_expires_at, in_maintenance)
                VALUES (:id, :slot, :checkedAt, :configVersion, :success, :statusCode, :latency, :error, NULL, false)
                ON CONFLICT (monitor_id, slot, location) DO NOTHING""",
                results.stream()
                        .map(r -> new MapSqlParameterSource()
                                .addValue("id", r.monitorId())
                                .addValue("slot", Timestamps.utc(r.slot()))
                                .addValue("checkedAt", Timestamps.utc(r.result().checkedAt()))
                                .addValue("configVersion", 1L)
                                .addValue("success", r.result().success())
                                .addValue("statusCode", r.result().statusCode())
                                .addValue("latency", r.result().latencyMs())
                                .addValue("error", r.result().error()))
                        .toArray(MapSqlParameterSource[]::new));
    }

    private static List<Checked> batch(List<Long> ids, Instant slot) {
        List<Checked> batch = new ArrayList<>();
        for (long id : ids) {
            batch.add(new Checked(
                    CheckRequest.of(id, slot, 1, "https://example.test", 5, 200),
                    new CheckResult(slot, true, 200, 12, null)));
        }
        return batch;
    }

    private static List<Recorded> recorded(List<Long> ids, Instant slot) {
        List<Checked> batch = batch(ids, slot.plus(1, ChronoUnit.DAYS));
        return IntStream.range(0, batch.size())
                .mapToObj(i -> new Recorded(i, batch.get(i), false))
                .toList();
    }
}
