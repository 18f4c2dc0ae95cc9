package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.state.Applied;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Check messages through SQS: batches (version 3) and the single checks of older schedulers (versions 1 and 2). */
@WorkerIntegrationTest
class BatchMessageIntegrationTest {

    private static final StubServer HTTP = new StubServer();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final CheckRequestCodec codec = new CheckRequestCodec();

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private CheckCounters counters;

    @Autowired
    private CheckService service;

    @Value("${health-monitor.sqs.queue-url}")
    private String queueUrl;

    @AfterAll
    static void stop() {
        HTTP.close();
    }

    @Test
    void aBatchMessageRecordsEveryCheckAndIsThenDeleted() {
        Instant slot = slot();
        List<Long> ids = new ArrayList<>();
        List<CheckRequest> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HTTP.script("/batch-" + i, i % 2 == 0 ? Reply.ok() : Reply.status(500));
            long id = monitors().insert("batch-" + i, HTTP.url("/batch-" + i), null);
            ids.add(id);
            batch.add(CheckRequest.of(id, slot, 1, HTTP.url("/batch-" + i), 5, 200));
        }

        send(codec.writeBatch(batch));

        await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> results(id) == 1));
        await().atMost(WAIT).until(() -> TestQueues.server().approximateMessages(queueUrl) == 0);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(HTTP.requests("/batch-" + i)).hasSize(1);
            assertThat(monitor(ids.get(i)))
                    .containsEntry("consecutive_successes", i % 2 == 0 ? 1 : 0)
                    .containsEntry("consecutive_failures", i % 2 == 0 ? 0 : 1)
                    .containsEntry("last_status_code", i % 2 == 0 ? 200 : 500);
        }
    }

    @Test
    void aBatchMessageDeliveredAgainAfterItsResultsCommittedChangesNothingTwice() {
        HTTP.script("/again-hook", Reply.ok());
        Instant slot = slot();
        List<Long> ids = new ArrayList<>();
        List<CheckRequest> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HTTP.script("/again-" + i, Reply.status(503));
            long id = monitors().insert("again-" + i, HTTP.url("/again-" + i), HTTP.url("/again-hook"), "UP", 1, 0);
            ids.add(id);
            batch.add(CheckRequest.of(id, slot, 1, HTTP.url("/again-" + i), 5, 200));
        }
        long duplicatesBefore = counters.count(Applied.DUPLICATE);
        String body = codec.writeBatch(batch);

        send(body);
        await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> results(id) == 1));
        // A worker that crashed between the commit and the delete: SQS hands out the same message again.
        send(body);

        await().atMost(WAIT).until(() -> counters.count(Applied.DUPLICATE) >= duplicatesBefore + ids.size());
        await().atMost(WAIT).until(() -> TestQueues.server().approximateMessages(queueUrl) == 0);
        await().atMost(WAIT).until(() -> HTTP.requests("/again-hook").size() == ids.size());
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            assertThat(HTTP.requests("/again-" + i)).hasSize(1);
            assertThat(results(id)).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM status_changes WHERE monitor_id = :id", id))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM deliveries WHERE monitor_id = :id", id))
                    .isEqualTo(1);
            assertThat(monitor(id)).containsEntry("status", "DOWN").containsEntry("consecutive_failures", 2);
        }
        assertThat(HTTP.requests("/again-hook")).hasSize(ids.size());
    }

    @Test
    void aBatchWhoseWriteFailsStaysOnTheQueueAndIsRecordedOnceWhenItComesBack() {
        Instant slot = slot();
        List<Long> ids = new ArrayList<>();
        List<CheckRequest> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HTTP.script("/retry-" + i, Reply.ok());
            long id = monitors().insert("retry-" + i, HTTP.url("/retry-" + i), null);
            ids.add(id);
            batch.add(CheckRequest.of(id, slot, 1, HTTP.url("/retry-" + i), 5, 200));
        }
        long failing = ids.get(1);
        // A real database error in the batch's transaction, for one of its monitors only.
        jdbc.sql("""
                        CREATE FUNCTION fail_batch_%1$d() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                            IF NEW.monitor_id = %1$d THEN RAISE EXCEPTION 'forced failure'; END IF;
                            RETURN NEW;
                        END $$""".formatted(failing)).update();
        jdbc.sql(("CREATE TRIGGER fail_batch_%1$d BEFORE INSERT ON check_results FOR EACH ROW"
                                + " EXECUTE FUNCTION fail_batch_%1$d()")
                        .formatted(failing))
                .update();
        setVisibilityTimeout(2);
        try {
            long failuresBefore = counters.failures();

            send(codec.writeBatch(batch));

            await().atMost(WAIT).until(() -> counters.failures() >= failuresBefore + ids.size());
            assertThat(TestQueues.server().approximateMessages(queueUrl)).isPositive();
            // Nothing of the batch is written: the other monitors' results rolled back with the failing one.
            assertThat(ids).allSatisfy(id -> assertThat(results(id)).isZero());
            jdbc.sql("DROP TRIGGER fail_batch_%1$d ON check_results".formatted(failing))
                    .update();

            await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> results(id) == 1));
            await().atMost(WAIT).until(() -> TestQueues.server().approximateMessages(queueUrl) == 0);
            for (long id : ids) {
                assertThat(monitor(id)).containsEntry("consecutive_successes", 1);
            }
        } finally {
            setVisibilityTimeout(30);
        }
    }

    @Test
    void singleCheckMessagesOfVersionsOneAndTwoAreStillProcessed() {
        HTTP.script("/v1", Reply.status(204));
        HTTP.script("/v2", Reply.ok());
        long v1 = monitors().insert("v1", HTTP.url("/v1"), null);
        long v2 = monitors().insert("v2", HTTP.url("/v2"), null);
        Instant slot = slot();

        send("""
                {"version":1,"monitor_id":%d,"slot":"%s","idempotency_key":"%d:%d","config_version":1,
                 "url":"%s","timeout_seconds":5,"expected_status_code":204}""".formatted(v1, slot, v1, slot.toEpochMilli(), HTTP.url("/v1")));
        send(codec.write(CheckRequest.of(v2, slot, 1, HTTP.url("/v2"), 5, 200)));

        await().atMost(WAIT).until(() -> results(v1) == 1 && results(v2) == 1);
        await().atMost(WAIT).until(() -> TestQueues.server().approximateMessages(queueUrl) == 0);
        assertThat(monitor(v1)).containsEntry("consecutive_successes", 1).containsEntry("last_status_code", 204);
        assertThat(monitor(v2)).containsEntry("consecutive_successes", 1).containsEntry("last_status_code", 200);
    }

    @Test
    void eachCheckOfAMixedBatchMessageGetsItsOwnOutcomeAndTheFreshOneIsRecorded() {
        HTTP.script("/mixed-deleted", Reply.ok());
        HTTP.script("/mixed-reconfigured", Reply.ok());
        HTTP.script("/mixed-fresh", Reply.ok());
        long deleted = monitors().insert("mixed-deleted", HTTP.url("/mixed-deleted"), null);
        long reconfigured = monitors().insert("mixed-reconfigured", HTTP.url("/mixed-reconfigured"), null);
        long fresh = monitors().insert("mixed-fresh", HTTP.url("/mixed-fresh"), null);
        jdbc.sql("DELETE FROM monitors WHERE id = :id").param("id", deleted).update();
        jdbc.sql("UPDATE monitors SET config_version = 2 WHERE id = :id")
                .param("id", reconfigured)
                .update();
        Instant slot = slot();
        List<CheckRequest> batch = List.of(
                CheckRequest.of(deleted, slot, 1, HTTP.url("/mixed-deleted"), 5, 200),
                CheckRequest.of(reconfigured, slot, 1, HTTP.url("/mixed-reconfigured"), 5, 200),
                CheckRequest.of(fresh, slot, 1, HTTP.url("/mixed-fresh"), 5, 200));

        assertThat(service.process(batch))
                .containsExactly(Applied.MONITOR_GONE, Applied.CONFIG_CHANGED, Applied.APPLIED);

        assertThat(results(fresh)).isEqualTo(1);
        assertThat(results(reconfigured)).isZero();
        assertThat(HTTP.requests("/mixed-fresh")).hasSize(1);
        assertThat(HTTP.requests("/mixed-deleted")).isEmpty();
        assertThat(HTTP.requests("/mixed-reconfigured")).isEmpty();

        // The same through SQS, with a new slot: the message goes once its one fresh check is recorded.
        long goneBefore = counters.count(Applied.MONITOR_GONE);
        long changedBefore = counters.count(Applied.CONFIG_CHANGED);
        Instant next = slot.plusSeconds(60);
        send(codec.writeBatch(List.of(
                CheckRequest.of(deleted, next, 1, HTTP.url("/mixed-deleted"), 5, 200),
                CheckRequest.of(reconfigured, next, 1, HTTP.url("/mixed-reconfigured"), 5, 200),
                CheckRequest.of(fresh, next, 1, HTTP.url("/mixed-fresh"), 5, 200))));

        await().atMost(WAIT).until(() -> results(fresh) == 2);
        await().atMost(WAIT).until(() -> TestQueues.server().approximateMessages(queueUrl) == 0);
        assertThat(counters.count(Applied.MONITOR_GONE)).isGreaterThan(goneBefore);
        assertThat(counters.count(Applied.CONFIG_CHANGED)).isGreaterThan(changedBefore);
        assertThat(HTTP.requests("/mixed-deleted")).isEmpty();
        assertThat(HTTP.requests("/mixed-reconfigured")).isEmpty();
    }

    private void send(String body) {
        TestQueues.server().client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    private void setVisibilityTimeout(int seconds) {
        TestQueues.server().client().setQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(seconds))));
    }

    private Monitors monitors() {
        return new Monitors(jdbc);
    }

    private long results(long id) {
        return count("SELECT count(*) FROM check_results WHERE monitor_id = :id", id);
    }

    private long count(String sql, long id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

    private Map<String, Object> monitor(long id) {
        return jdbc.sql("SELECT * FROM monitors WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private static Instant slot() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
