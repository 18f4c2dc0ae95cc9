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
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.json.JsonMapper;

@WorkerIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CheckProcessingIntegrationTest {

    private static final StubServer HTTP = new StubServer();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final CheckRequestCodec codec = new CheckRequestCodec();

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private CheckCounters counters;

    @Value("${health-monitor.sqs.queue-url}")
    private String queueUrl;

    @AfterAll
    static void stop() {
        HTTP.close();
    }

    @Test
    void oneMessageWritesOneResultAndUpdatesTheMonitor() {
        HTTP.script("/one", Reply.ok());
        long id = monitors().insert("one", HTTP.url("/one"), null);
        Instant slot = slot();

        send(CheckRequest.of(id, slot, 1, HTTP.url("/one"), 5, 200));

        await().atMost(WAIT).until(() -> monitorValue(id, "last_applied_slot") != null);
        Map<String, Object> monitor = monitor(id);
        assertThat(monitor)
                .containsEntry("status", "UNKNOWN")
                .containsEntry("consecutive_successes", 1)
                .containsEntry("consecutive_failures", 0)
                .containsEntry("last_status_code", 200)
                .containsEntry("last_error", null);
        assertThat(instant(monitor.get("last_applied_slot"))).isEqualTo(slot);
        assertThat(count("SELECT count(*) FROM check_results WHERE monitor_id = " + id + " AND success"))
                .isEqualTo(1);
        await().atMost(WAIT).until(() -> TestQueues.server().approximateMessages(queueUrl) == 0);
    }

    @Test
    void aDuplicateMessageChangesTheStateOnceAndAlertsOnce(CapturedOutput output) {
        HTTP.script("/dup-target", Reply.status(503));
        HTTP.script("/dup-slack", Reply.ok());
        long id = monitors().insert("dup", HTTP.url("/dup-target"), HTTP.url("/dup-slack"), "UP", 1, 0);
        CheckRequest request = CheckRequest.of(id, slot(), 1, HTTP.url("/dup-target"), 5, 200);
        long duplicatesBefore = counters.count(Applied.DUPLICATE);

        send(request);
        send(request);

        await().atMost(WAIT).until(() -> counters.count(Applied.DUPLICATE) > duplicatesBefore);
        await().atMost(WAIT)
                .until(() ->
                        count("SELECT count(*) FROM status_changes WHERE delivery = 'SENT'" + " AND monitor_id = " + id)
                                == 1);
        assertThat(monitor(id)).containsEntry("status", "DOWN").containsEntry("consecutive_failures", 2);
        assertThat(count("SELECT count(*) FROM status_changes WHERE monitor_id = " + id))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM check_results WHERE monitor_id = " + id))
                .isEqualTo(1);
        assertThat(HTTP.requests("/dup-slack")).hasSize(1);
        assertThat(output).contains("[STATE CHANGE] monitor=" + id + " UP -> DOWN");
    }

    @Test
    void aStaleSlotIsKeptAsHistoryButDoesNotChangeTheState() {
        HTTP.script("/stale", Reply.status(500));
        long id = monitors().insert("stale", HTTP.url("/stale"), null, "UP", 0, 3);
        Instant newer = slot();
        Instant older = newer.minusSeconds(60);

        send(CheckRequest.of(id, newer, 1, HTTP.url("/stale"), 5, 200));
        await().atMost(WAIT).until(() -> monitorValue(id, "last_applied_slot") != null);
        send(CheckRequest.of(id, older, 1, HTTP.url("/stale"), 5, 200));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM check_results WHERE monitor_id = " + id) == 2);
        Map<String, Object> monitor = monitor(id);
        assertThat(monitor).containsEntry("status", "UP").containsEntry("consecutive_failures", 1);
        assertThat(instant(monitor.get("last_applied_slot"))).isEqualTo(newer);
        assertThat(count("SELECT count(*) FROM status_changes WHERE monitor_id = " + id))
                .isZero();
    }

    @Test
    void aMessageForADeletedMonitorIsDroppedWithoutACheck() {
        HTTP.script("/deleted", Reply.ok());
        long id = monitors().insert("deleted", HTTP.url("/deleted"), null);
        jdbc.sql("DELETE FROM monitors WHERE id = " + id).update();
        long goneBefore = counters.count(Applied.MONITOR_GONE);

        send(CheckRequest.of(id, slot(), 1, HTTP.url("/deleted"), 5, 200));

        await().atMost(WAIT).until(() -> counters.count(Applied.MONITOR_GONE) > goneBefore);
        await().atMost(WAIT).until(() -> TestQueues.server().approximateMessages(queueUrl) == 0);
        assertThat(HTTP.requests("/deleted")).isEmpty();
        assertThat(count("SELECT count(*) FROM check_results WHERE monitor_id = " + id))
                .isZero();
    }

    @Test
    void aMessageForADisabledMonitorIsDroppedWithoutACheck() {
        HTTP.script("/disabled", Reply.ok());
        long id = monitors().insert("disabled", HTTP.url("/disabled"), null);
        jdbc.sql("UPDATE monitors SET enabled = false WHERE id = " + id).update();
        long goneBefore = counters.count(Applied.MONITOR_GONE);

        send(CheckRequest.of(id, slot(), 1, HTTP.url("/disabled"), 5, 200));

        await().atMost(WAIT).until(() -> counters.count(Applied.MONITOR_GONE) > goneBefore);
        await().atMost(WAIT).until(() -> TestQueues.server().approximateMessages(queueUrl) == 0);
        assertThat(HTTP.requests("/disabled")).isEmpty();
        assertThat(monitor(id)).containsEntry("last_applied_slot", null);
    }

    @Test
    void aCheckWhoseSlotPassedLongAgoIsDroppedWithoutHittingTheTarget() {
        // A backlog after an outage: the monitor (60 s interval) has newer checks queued already.
        HTTP.script("/backlog", Reply.ok());
        long id = monitors().insert("backlog", HTTP.url("/backlog"), null);
        long before = counters.count(Applied.EXPIRED);

        send(CheckRequest.of(id, slot().minusSeconds(121), 1, HTTP.url("/backlog"), 5, 200));

        await().atMost(WAIT).until(() -> counters.count(Applied.EXPIRED) > before);
        await().atMost(WAIT).until(() -> TestQueues.server().approximateMessages(queueUrl) == 0);
        assertThat(HTTP.requests("/backlog")).isEmpty();
        assertThat(count("SELECT count(*) FROM check_results WHERE monitor_id = " + id))
                .isZero();

        send(CheckRequest.of(id, slot().minusSeconds(100), 1, HTTP.url("/backlog"), 5, 200));
        await().atMost(WAIT).until(() -> HTTP.requests("/backlog").size() == 1);
    }

    @Test
    void aMessageOfAnOlderConfigurationIsDropped() {
        HTTP.script("/reconfigured", Reply.ok());
        long id = monitors().insert("reconfigured", HTTP.url("/reconfigured"), null);
        jdbc.sql("UPDATE monitors SET config_version = 2 WHERE id = " + id).update();
        long before = counters.count(Applied.CONFIG_CHANGED);

        send(CheckRequest.of(id, slot(), 1, HTTP.url("/reconfigured"), 5, 200));

        await().atMost(WAIT).until(() -> counters.count(Applied.CONFIG_CHANGED) > before);
        assertThat(HTTP.requests("/reconfigured")).isEmpty();
        assertThat(count("SELECT count(*) FROM check_results WHERE monitor_id = " + id))
                .isZero();
    }

    @Test
    void aFailureBeforeCommitLeavesTheMessageOnTheQueueUntilItSucceeds() {
        HTTP.script("/rollback", Reply.ok());
        long id = monitors().insert("rollback", HTTP.url("/rollback"), null);
        // A real database error inside the result's transaction, for this monitor only.
        jdbc.sql("""
                        CREATE FUNCTION fail_results_%1$d() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                            IF NEW.monitor_id = %1$d THEN RAISE EXCEPTION 'forced failure'; END IF;
                            RETURN NEW;
                        END $$""".formatted(id)).update();
        jdbc.sql(
                        "CREATE TRIGGER fail_results_%1$d BEFORE INSERT ON check_results FOR EACH ROW EXECUTE FUNCTION fail_results_%1$d()"
                                .formatted(id))
                .update();
        // Shorter visibility so the redelivery comes back within the test.
        setVisibilityTimeout(2);
        try {
            long failuresBefore = counters.failures();

            send(CheckRequest.of(id, slot(), 1, HTTP.url("/rollback"), 5, 200));

            await().atMost(WAIT).until(() -> counters.failures() > failuresBefore);
            assertThat(TestQueues.server().approximateMessages(queueUrl)).isPositive();
            assertThat(monitor(id)).containsEntry("last_applied_slot", null);
            jdbc.sql("DROP TRIGGER fail_results_%1$d ON check_results".formatted(id))
                    .update();

            await().atMost(WAIT).until(() -> monitorValue(id, "last_applied_slot") != null);
            await().atMost(WAIT).until(() -> TestQueues.server().approximateMessages(queueUrl) == 0);
            assertThat(HTTP.requests("/rollback")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(count("SELECT count(*) FROM check_results WHERE monitor_id = " + id))
                    .isEqualTo(1);
        } finally {
            setVisibilityTimeout(30);
        }
    }

    @Test
    void anUnreadableMessageIsNotDeletedSoTheRedrivePolicyMovesItToTheDeadLetterQueue() {
        long before = counters.unreadable();
        setVisibilityTimeout(1);
        try {
            TestQueues.server().client().sendMessage(b -> b.queueUrl(queueUrl)
                    .messageBody("{\"version\": 99, \"monitor_id\": 1}"));

            // maxReceiveCount is 3: three failed receives, then SQS moves it on the fourth.
            await().atMost(WAIT).until(() -> TestQueues.server().approximateMessages(queueUrl + "-dlq") == 1);
            assertThat(counters.unreadable() - before).isGreaterThanOrEqualTo(3);
        } finally {
            setVisibilityTimeout(30);
        }
    }

    @Test
    void twoFailuresSendExactlyOneDownAlertWithTheDesignedText(CapturedOutput output) {
        HTTP.script("/billing", Reply.status(503));
        HTTP.script("/billing-slack", Reply.ok());
        long id = monitors().insert("Billing API", HTTP.url("/billing"), HTTP.url("/billing-slack"), "UP", 0, 5);
        Instant first = slot();
        Instant second = first.plusSeconds(60);

        send(CheckRequest.of(id, first, 1, HTTP.url("/billing"), 5, 200));
        await().atMost(WAIT).until(() -> monitorValue(id, "last_applied_slot") != null);
        send(CheckRequest.of(id, second, 1, HTTP.url("/billing"), 5, 200));

        await().atMost(WAIT).until(() -> HTTP.requests("/billing-slack").size() == 1);
        Map<String, Object> crossing = jdbc.sql(
                        "SELECT checked_at, latency_ms FROM check_results WHERE monitor_id = :id AND slot = :slot")
                .param("id", id)
                .param("slot", second.atOffset(java.time.ZoneOffset.UTC))
                .query()
                .singleRow();
        String time = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(instant(crossing.get("checked_at")));
        String body = HTTP.requests("/billing-slack").getFirst().body();
        String text = JsonMapper.builder().build().readTree(body).get("text").asString();
        assertThat(text).isEqualTo("""
                        🔔 API Status Changed
                        Name: Billing API
                        URL: %s
                        Old: UP -> New: DOWN
                        Time: %s
                        Reason: expected status 200, got 503
                        Latency: %d ms""".formatted(HTTP.url("/billing"), time, crossing.get("latency_ms")));
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM status_changes WHERE delivery = 'SENT' AND monitor_id = " + id)
                        == 1);
        assertThat(HTTP.requests("/billing-slack")).hasSize(1);
        assertThat(output)
                .contains("[STATE CHANGE] monitor=" + id + " UP -> DOWN")
                .contains("[WEBHOOK] sent status=200 monitor=" + id)
                .doesNotContain(HTTP.url("/billing-slack"));
    }

    private static Instant instant(Object timestamp) {
        return timestamp instanceof OffsetDateTime time
                ? time.toInstant()
                : ((java.sql.Timestamp) timestamp).toInstant();
    }

    private void setVisibilityTimeout(int seconds) {
        TestQueues.server().client().setQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(seconds))));
    }

    private void send(CheckRequest request) {
        TestQueues.server().client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(codec.write(request)));
    }

    private Monitors monitors() {
        return new Monitors(jdbc);
    }

    private static Instant slot() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private Map<String, Object> monitor(long id) {
        return jdbc.sql("SELECT * FROM monitors WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private Object monitorValue(long id, String column) {
        return monitor(id).get(column);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
