package com.healthmonitor.worker.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.database.Timestamps;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.testing.Channels;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Applying results a batch at a time: what a redelivery, a partial earlier attempt or a concurrent worker does. */
@WorkerIntegrationTest
class BatchRecordingIntegrationTest {

    private static final StubServer HOOKS = new StubServer();

    @Autowired
    private ResultRecorder recorder;

    @Autowired
    private JdbcClient jdbc;

    @AfterAll
    static void stop() {
        HOOKS.close();
    }

    @Test
    void aBatchRedeliveredAfterItsResultsCommittedChangesNothingTwice() {
        HOOKS.script("/redelivered", Reply.ok());
        List<Long> ids = upMonitorsWithTwoDestinations(5, "/redelivered", 1);
        Instant slot = slot();
        // Each monitor has failed once already: this batch's failure takes every one of them DOWN.
        List<Checked> batch = ids.stream()
                .map(id -> new Checked(request(id, slot), failure(slot.plusMillis(40))))
                .toList();

        assertThat(recorder.applyAll(batch)).containsOnly(Applied.TRANSITIONED);
        Map<String, List<Map<String, Object>>> afterFirst = snapshot(ids);
        // The worker crashed after the commit and before deleting the message: the same batch comes again.
        assertThat(recorder.applyAll(batch)).containsOnly(Applied.DUPLICATE);

        assertThat(snapshot(ids)).isEqualTo(afterFirst);
        for (long id : ids) {
            assertThat(count("SELECT count(*) FROM check_results WHERE monitor_id = :id", id))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM status_changes WHERE monitor_id = :id", id))
                    .isEqualTo(1);
            // One delivery per destination: the linked channel and the monitor's own webhook_url.
            assertThat(count("SELECT count(*) FROM deliveries WHERE monitor_id = :id", id))
                    .isEqualTo(2);
            assertThat(count("SELECT checks FROM check_rollups_hourly WHERE monitor_id = :id", id))
                    .isEqualTo(1);
        }
    }

    @Test
    void aBatchPartlyRecordedBeforeEndsExactlyAsIfAppliedOnce() {
        HOOKS.script("/partial", Reply.ok());
        Instant slot = slot();
        List<Long> once = upMonitorsWithTwoDestinations(4, "/partial", 0);
        List<Long> twice = upMonitorsWithTwoDestinations(4, "/partial", 0);

        recorder.applyAll(twoSlotsOfFailures(once, slot));
        // An earlier attempt (e.g. another worker that received the same checks) recorded part of the batch: both
        // slots of the first monitor, the first slot of the last one.
        List<Checked> batch = twoSlotsOfFailures(twice, slot);
        recorder.applyAll(List.of(batch.get(0), batch.get(4), batch.get(3)));
        List<Applied> redelivered = recorder.applyAll(batch);

        assertThat(redelivered.get(0)).isEqualTo(Applied.DUPLICATE);
        assertThat(redelivered.get(3)).isEqualTo(Applied.DUPLICATE);
        assertThat(redelivered.get(4)).isEqualTo(Applied.DUPLICATE);
        assertThat(redelivered)
                .filteredOn(applied -> applied != Applied.DUPLICATE)
                .hasSize(5);
        assertThat(snapshot(twice)).isEqualTo(snapshot(once));
        for (long id : twice) {
            assertThat(count("SELECT count(*) FROM status_changes WHERE monitor_id = :id", id))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM deliveries WHERE monitor_id = :id", id))
                    .isEqualTo(2);
            assertThat(count("SELECT checks FROM check_rollups_hourly WHERE monitor_id = :id", id))
                    .isEqualTo(2);
        }
    }

    @Test
    void eachCheckOfAMixedBatchGetsItsOwnOutcome() {
        Monitors monitors = new Monitors(jdbc);
        long deleted = monitors.insert("batch-deleted", "https://example.test", null);
        long reconfigured = monitors.insert("batch-reconfigured", "https://example.test", null);
        long disabled = monitors.insert("batch-disabled", "https://example.test", null);
        long fresh = monitors.insert("batch-fresh", "https://example.test", null);
        jdbc.sql("DELETE FROM monitors WHERE id = :id").param("id", deleted).update();
        jdbc.sql("UPDATE monitors SET config_version = 2 WHERE id = :id")
                .param("id", reconfigured)
                .update();
        jdbc.sql("UPDATE monitors SET enabled = false WHERE id = :id")
                .param("id", disabled)
                .update();
        Instant slot = slot();

        List<Applied> applied = recorder.applyAll(List.of(
                new Checked(request(deleted, slot), success(slot)),
                new Checked(request(reconfigured, slot), success(slot)),
                new Checked(request(disabled, slot), success(slot)),
                new Checked(request(fresh, slot), success(slot))));

        assertThat(applied)
                .containsExactly(Applied.MONITOR_GONE, Applied.CONFIG_CHANGED, Applied.MONITOR_GONE, Applied.APPLIED);
        assertThat(count("SELECT count(*) FROM check_results WHERE monitor_id = :id", fresh))
                .isEqualTo(1);
        for (long dropped : List.of(deleted, reconfigured, disabled)) {
            assertThat(count("SELECT count(*) FROM check_results WHERE monitor_id = :id", dropped))
                    .isZero();
        }
        assertThat(count("SELECT consecutive_successes FROM monitors WHERE id = :id", fresh))
                .isEqualTo(1);
        assertThat(count("SELECT consecutive_successes FROM monitors WHERE id = :id", reconfigured))
                .isZero();
    }

    @Test
    void twoSlotsOfOneMonitorInOneBatchApplyInSlotOrder() {
        long id = new Monitors(jdbc).insert("two-slots", "https://example.test", null, "UP", 0, 4);
        Instant first = slot();
        Instant second = first.plusSeconds(60);

        // Listed newest first, as a redelivery merged with the next batch might: still applied oldest first.
        List<Applied> applied = recorder.applyAll(List.of(
                new Checked(request(id, second), failure(second)),
                new Checked(request(id, first), failure(first)),
                new Checked(request(id, second), failure(second))));

        assertThat(applied).containsExactly(Applied.TRANSITIONED, Applied.APPLIED, Applied.DUPLICATE);
        Map<String, Object> monitor = jdbc.sql("SELECT * FROM monitors WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
        assertThat(monitor).containsEntry("status", "DOWN").containsEntry("consecutive_failures", 2);
        assertThat(lastAppliedSlot(id)).isEqualTo(second);
        assertThat(jdbc.sql("SELECT slot FROM status_changes WHERE monitor_id = :id")
                        .param("id", id)
                        .query((rs, n) -> Timestamps.instant(rs, "slot"))
                        .single())
                .isEqualTo(second);
        assertThat(count("SELECT checks FROM check_rollups_hourly WHERE monitor_id = :id", id))
                .isEqualTo(2);
    }

    @Test
    void twoWorkersApplyingOverlappingBatchesInOppositeOrdersNeverDeadlock() throws Exception {
        Monitors monitors = new Monitors(jdbc);
        List<Long> ids = LongStream.range(0, 20)
                .mapToObj(i -> monitors.insert("overlap-" + i, "https://example.test", null, "UP", 0, 3))
                .toList();
        List<Long> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);
        Instant start = slot();
        int rounds = 50;
        try (ExecutorService workers = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < rounds; round++) {
                // Every round both workers get every monitor, one of them in the opposite order and each with a
                // slot of its own, both starting at the same moment.
                Instant mine = start.plusSeconds(2L * round);
                Instant theirs = mine.plusSeconds(1);
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<List<Applied>> one =
                        CompletableFuture.supplyAsync(() -> applyTogether(together, failures(ids, mine)), workers);
                CompletableFuture<List<Applied>> other = CompletableFuture.supplyAsync(
                        () -> applyTogether(together, failures(reversed, theirs)), workers);

                assertThat(one.get(30, TimeUnit.SECONDS)).doesNotContain(Applied.DUPLICATE);
                assertThat(other.get(30, TimeUnit.SECONDS)).doesNotContain(Applied.DUPLICATE);
            }
        }

        Instant last = start.plusSeconds(2L * rounds - 1);
        for (long id : ids) {
            Map<String, Object> monitor = jdbc.sql("SELECT * FROM monitors WHERE id = :id")
                    .param("id", id)
                    .query()
                    .singleRow();
            assertThat(monitor).containsEntry("status", "DOWN");
            assertThat(lastAppliedSlot(id)).isEqualTo(last);
            assertThat(count("SELECT count(*) FROM check_results WHERE monitor_id = :id", id))
                    .isEqualTo(2L * rounds);
            assertThat(count("SELECT sum(checks) FROM check_rollups_hourly WHERE monitor_id = :id", id))
                    .isEqualTo(2L * rounds);
            assertThat(count("SELECT count(*) FROM status_changes WHERE monitor_id = :id", id))
                    .isEqualTo(1);
        }
    }

    private List<Applied> applyTogether(CyclicBarrier together, List<Checked> batch) {
        try {
            together.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return recorder.applyAll(batch);
    }

    private static List<Checked> failures(List<Long> ids, Instant slot) {
        return ids.stream()
                .map(id -> new Checked(request(id, slot), failure(slot)))
                .toList();
    }

    /** Two failures per monitor, in two slots a minute apart: each monitor goes UP -> DOWN once. */
    private static List<Checked> twoSlotsOfFailures(List<Long> ids, Instant slot) {
        List<Checked> batch = new ArrayList<>();
        for (long id : ids) {
            batch.add(new Checked(request(id, slot), failure(slot)));
        }
        for (long id : ids) {
            batch.add(new Checked(request(id, slot.plusSeconds(60)), failure(slot.plusSeconds(60))));
        }
        return batch;
    }

    private List<Long> upMonitorsWithTwoDestinations(int count, String path, int failures) {
        long channel = new Channels(jdbc).webhook("webhook", "batch-" + path, HOOKS.url(path), null);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = new Monitors(jdbc)
                    .insert(
                            "batch-" + i,
                            "https://example.test",
                            HOOKS.url(path),
                            "UP",
                            failures,
                            failures == 0 ? 3 : 0);
            new Channels(jdbc).link(id, channel);
            ids.add(id);
        }
        return ids;
    }

    /**
     * What a batch may change, per monitor in order, without ids, times of writing or delivery progress: state,
     * history rows, rollups, status changes and their outbox rows.
     */
    private Map<String, List<Map<String, Object>>> snapshot(List<Long> ids) {
        List<Map<String, Object>> monitors = new ArrayList<>();
        List<Map<String, Object>> results = new ArrayList<>();
        List<Map<String, Object>> rollups = new ArrayList<>();
        List<Map<String, Object>> changes = new ArrayList<>();
        for (long id : ids) {
            monitors.add(row("""
                    SELECT status, consecutive_failures, consecutive_successes, last_status_code, last_latency_ms,
                           last_error, last_applied_slot - (SELECT min(slot) FROM check_results
                                                            WHERE monitor_id = :id) AS applied_slot_offset,
                           reminders_sent, in_maintenance
                    FROM monitors WHERE id = :id""", id));
            results.addAll(rows("""
                    SELECT slot - min(slot) OVER () AS slot_offset, success, status_code, latency_ms, error,
                           in_maintenance
                    FROM check_results WHERE monitor_id = :id ORDER BY slot""", id));
            rollups.addAll(rows("""
                    SELECT checks, failures, latency_count, latency_sum, latency_min, latency_max,
                           latency_histogram::text AS histogram
                    FROM check_rollups_hourly WHERE monitor_id = :id ORDER BY hour""", id));
            changes.addAll(rows("""
                    SELECT c.old_status, c.new_status, c.reason, c.delivery IN ('PENDING', 'SENT') AS alerted,
                           (SELECT count(*) FROM deliveries d WHERE d.status_change_id = c.id) AS deliveries
                    FROM status_changes c WHERE c.monitor_id = :id ORDER BY c.id""", id));
        }
        return Map.of("monitors", monitors, "results", results, "rollups", rollups, "changes", changes);
    }

    private Instant lastAppliedSlot(long id) {
        return jdbc.sql("SELECT last_applied_slot FROM monitors WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> Timestamps.instant(rs, "last_applied_slot"))
                .single();
    }

    private Map<String, Object> row(String sql, long id) {
        return jdbc.sql(sql).param("id", id).query().singleRow();
    }

    private List<Map<String, Object>> rows(String sql, long id) {
        return jdbc.sql(sql).param("id", id).query().listOfRows();
    }

    private long count(String sql, long id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

    private static CheckRequest request(long id, Instant slot) {
        return CheckRequest.of(id, slot, 1, "https://example.test", 5, 200);
    }

    private static CheckResult failure(Instant at) {
        return new CheckResult(at, false, 503, 12, "expected status 200, got 503");
    }

    private static CheckResult success(Instant at) {
        return new CheckResult(at, true, 200, 12, null);
    }

    private static Instant slot() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofSeconds(5));
    }
}
