package com.healthmonitor.worker.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.check.CheckResultMessage;
import com.healthmonitor.common.check.CheckResultMessageCodec;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.check.CheckCounters;
import com.healthmonitor.worker.probe.Probes;
import com.healthmonitor.worker.state.Applied;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A full worker with {@code RESULTS_QUEUE_URL} set records what probes send, through the recording path of its own
 * checks: once, in slot order, and a redelivered or late result changes nothing.
 */
@WorkerIntegrationTest
class RecorderIntegrationTest {

    private static final StubServer HTTP = new StubServer();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RESULTS = TestQueues.newQueue("results");

    private final CheckResultMessageCodec codec = new CheckResultMessageCodec();

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private CheckCounters counters;

    @DynamicPropertySource
    static void resultsQueue(DynamicPropertyRegistry registry) {
        registry.add("health-monitor.worker.results-queue-url", () -> RESULTS);
    }

    @AfterAll
    static void stop() {
        HTTP.close();
    }

    @Test
    void resultsFromAProbeAreRecordedOnceWithOneStatusChangeAndOneAlert() {
        HTTP.script("/probed", Reply.status(503));
        HTTP.script("/probed-hook", Reply.ok());
        long id = monitors().insert("probed", HTTP.url("/probed"), HTTP.url("/probed-hook"), "UP", 1, 0);
        String probeChecks = TestQueues.newQueue("probe-checks");
        Instant slot = slot();

        try (ConfigurableApplicationContext probe = Probes.start(probeChecks, RESULTS, "eu-west-1")) {
            TestQueues.server().client().sendMessage(b -> b.queueUrl(probeChecks)
                    .messageBody(new CheckRequestCodec()
                            .writeBatch(List.of(CheckRequest.of(id, slot, 1, HTTP.url("/probed"), 5, 200)))));

            await().atMost(WAIT)
                    .until(() -> count("status_changes WHERE delivery = 'SENT' AND monitor_id = " + id) == 1);
            await().atMost(WAIT).until(() -> TestQueues.server().approximateMessages(probeChecks) == 0);
        }

        assertThat(monitor(id))
                .containsEntry("status", "DOWN")
                .containsEntry("consecutive_failures", 2)
                .containsEntry("last_status_code", 503);
        assertThat(count("check_results WHERE monitor_id = " + id)).isEqualTo(1);
        assertThat(count("status_changes WHERE monitor_id = " + id)).isEqualTo(1);
        assertThat(count("deliveries WHERE monitor_id = " + id)).isEqualTo(1);
        assertThat(HTTP.requests("/probed")).hasSize(1);
        assertThat(HTTP.requests("/probed-hook")).hasSize(1);
    }

    @Test
    void aRedeliveredResultChangesNothingTwice() {
        HTTP.script("/redelivered-hook", Reply.ok());
        long id = monitors().insert("redelivered", "https://example.com/", HTTP.url("/redelivered-hook"), "UP", 1, 0);
        String message = codec.writeBatch(List.of(failure(id, slot())));
        long duplicatesBefore = counters.count(Applied.DUPLICATE);

        send(message);
        send(message); // what SQS delivers again when the first delivery's visibility timeout ends

        await().atMost(WAIT).until(() -> counters.count(Applied.DUPLICATE) > duplicatesBefore);
        await().atMost(WAIT).until(() -> count("status_changes WHERE delivery = 'SENT' AND monitor_id = " + id) == 1);
        assertThat(monitor(id)).containsEntry("status", "DOWN").containsEntry("consecutive_failures", 2);
        assertThat(count("check_results WHERE monitor_id = " + id)).isEqualTo(1);
        assertThat(count("status_changes WHERE monitor_id = " + id)).isEqualTo(1);
        assertThat(count("deliveries WHERE monitor_id = " + id)).isEqualTo(1);
        assertThat(HTTP.requests("/redelivered-hook")).hasSize(1);
    }

    @Test
    void aLateResultForASupersededSlotIsHistoryButChangesNoStatus() {
        long id = monitors().insert("late", "https://example.com/", null, "UP", 0, 3);
        Instant newer = slot();
        Instant older = newer.minusSeconds(60);
        long staleBefore = counters.count(Applied.STALE);

        send(codec.writeBatch(List.of(failure(id, newer))));
        await().atMost(WAIT).until(() -> monitor(id).get("last_applied_slot") != null);
        send(codec.writeBatch(List.of(failure(id, older))));

        await().atMost(WAIT).until(() -> counters.count(Applied.STALE) > staleBefore);
        Map<String, Object> monitor = monitor(id);
        assertThat(monitor).containsEntry("status", "UP").containsEntry("consecutive_failures", 1);
        assertThat(instant(monitor.get("last_applied_slot"))).isEqualTo(newer);
        assertThat(count("check_results WHERE monitor_id = " + id)).isEqualTo(2);
        assertThat(count("status_changes WHERE monitor_id = " + id)).isZero();
    }

    @Test
    void theResultsOfOneMessageAreAppliedInSlotOrder() {
        long id = monitors().insert("ordered", "https://example.com/", null, "UP", 0, 3);
        Instant first = slot();
        Instant second = first.plusSeconds(60);
        Instant third = first.plusSeconds(120);

        send(codec.writeBatch(List.of(failure(id, third), success(id, first), failure(id, second))));

        await().atMost(WAIT).until(() -> count("check_results WHERE monitor_id = " + id) == 3);
        Map<String, Object> monitor = monitor(id);
        assertThat(monitor).containsEntry("status", "DOWN").containsEntry("consecutive_failures", 2);
        assertThat(instant(monitor.get("last_applied_slot"))).isEqualTo(third);
        assertThat(jdbc.sql("SELECT slot FROM status_changes WHERE monitor_id = :id")
                        .param("id", id)
                        .query(OffsetDateTime.class)
                        .list())
                .extracting(OffsetDateTime::toInstant)
                .containsExactly(third);
    }

    static CheckResultMessage failure(long id, Instant slot) {
        return new CheckResultMessage(
                1, id, slot, 1, "eu-west-1", 5, 14, slot, false, 503, 12, "HTTP 503", true, null, null);
    }

    static CheckResultMessage success(long id, Instant slot) {
        return new CheckResultMessage(1, id, slot, 1, "eu-west-1", 5, 14, slot, true, 200, 12, null, true, null, null);
    }

    private static Instant instant(Object timestamp) {
        return timestamp instanceof OffsetDateTime time
                ? time.toInstant()
                : ((java.sql.Timestamp) timestamp).toInstant();
    }

    private static void send(String body) {
        TestQueues.server().client().sendMessage(b -> b.queueUrl(RESULTS).messageBody(body));
    }

    private static Instant slot() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private Monitors monitors() {
        return new Monitors(jdbc);
    }

    private Map<String, Object> monitor(long id) {
        return jdbc.sql("SELECT * FROM monitors WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private long count(String fromWhere) {
        return jdbc.sql("SELECT count(*) FROM " + fromWhere).query(Long.class).single();
    }
}
