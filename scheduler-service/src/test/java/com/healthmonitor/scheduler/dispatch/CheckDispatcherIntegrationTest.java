package com.healthmonitor.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.check.CheckAssertion;
import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.check.CheckSpec;
import com.healthmonitor.testing.TestDatabaseInitializer;
import com.healthmonitor.testing.TestQueueInitializer;
import com.healthmonitor.testing.TestQueues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Claim and send against a real PostgreSQL and a real SQS-protocol server; the tick loop is off. */
@SpringBootTest(
        properties = {
            "health-monitor.scheduler.enabled=false",
            "health-monitor.scheduler.claim-limit=1000",
            "health-monitor.scheduler.checks-per-message=50"
        })
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, TestQueueInitializer.class})
class CheckDispatcherIntegrationTest {

    @Autowired
    private CheckDispatcher dispatcher;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private SchedulerMetrics metrics;

    @Value("${health-monitor.sqs.queue-url}")
    private String queueUrl;

    private final SqsClient sqs = TestQueues.server().client();
    private final CheckRequestCodec codec = new CheckRequestCodec();

    @BeforeEach
    void startEmpty() {
        jdbc.sql("DELETE FROM monitors").update();
        sqs.purgeQueue(b -> b.queueUrl(queueUrl));
    }

    @Test
    void sendsOneCheckPerDueMonitorAndMovesItToItsNextSlot() {
        long due = insertMonitor(true, "now() - interval '100 milliseconds'", 60);
        insertMonitor(false, "now() - interval '1 second'", 60);
        insertMonitor(true, "now() + interval '1 minute'", 60);
        Instant slot = putOnItsGrid(due, 60);

        assertThat(dispatcher.dispatchDue()).isEqualTo(1);

        List<CheckRequest> checks = drain();
        assertThat(checks).hasSize(1);
        CheckRequest check = checks.getFirst();
        assertThat(check.monitorId()).isEqualTo(due);
        assertThat(check.slot()).isEqualTo(slot);
        assertThat(check.url()).isEqualTo("https://example.com/health");
        assertThat(check.timeoutSeconds()).isEqualTo(5);
        assertThat(check.expectedStatusCode()).isEqualTo(200);
        assertThat(check.configVersion()).isEqualTo(1);
        assertThat(check.check()).as("an existing monitor is checked as before").isEqualTo(CheckSpec.plainGet(200));
        assertThat(nextCheckAt(due)).isEqualTo(slot.plusSeconds(60));

        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(drain()).isEmpty();
    }

    @Test
    void sendsEveryCheckSettingTheWorkerNeeds() {
        long due = insertMonitor(true, "now() - interval '100 milliseconds'", 60);
        jdbc.sql("""
                        UPDATE monitors SET method = 'POST', request_headers = '{"Authorization": "Bearer t"}',
                            request_body = '{}', request_content_type = 'application/json',
                            expected_status_code = NULL, expected_status_codes = '{200-299,301}',
                            assertions = '[{"type": "json_path", "path": "$.status", "equals": "UP"},
                                           {"type": "max_latency_ms", "value": 1500}]',
                            follow_redirects = FALSE, tls_expiry_days = 30
                        WHERE id = :id""").param("id", due).update();

        assertThat(dispatcher.dispatchDue()).isEqualTo(1);

        CheckSpec check = drain().getFirst().check();
        assertThat(check.method()).isEqualTo("POST");
        assertThat(check.headers()).containsEntry("Authorization", "Bearer t");
        assertThat(check.body()).isEqualTo("{}");
        assertThat(check.contentType()).isEqualTo("application/json");
        assertThat(check.expectedStatusCodes()).containsExactly("200-299", "301");
        assertThat(check.assertions())
                .containsExactly(
                        new CheckAssertion.JsonPath(
                                "$.status", tools.jackson.databind.node.StringNode.valueOf("UP"), null, null, null),
                        new CheckAssertion.MaxLatency(1500));
        assertThat(check.followRedirects()).isFalse();
        assertThat(check.tlsExpiryDays()).isEqualTo(30);
    }

    @Test
    void recordsHowLateEachCheckLeftAndHowManyWereSent() {
        insertMonitor(true, "now() - interval '3 seconds'", 60);
        insertMonitor(true, "now() - interval '3 seconds'", 60);
        Timer lag = meters.get("health_monitor.scheduler.lag").timer();
        long lagsBefore = lag.count();
        double sentBefore =
                meters.get("health_monitor.scheduler.dispatched").counter().count();

        dispatcher.dispatchDue();

        assertThat(lag.count() - lagsBefore).isEqualTo(2);
        assertThat(lag.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(3000);
        assertThat(meters.get("health_monitor.scheduler.dispatched").counter().count() - sentBefore)
                .isEqualTo(2);
    }

    @Test
    void reportsTheChecksThatAreDueButNotSent() {
        insertMonitor(true, "now() - interval '1 second'", 60);
        insertMonitor(true, "now() - interval '1 second'", 60);
        insertMonitor(true, "now() + interval '1 minute'", 60);

        metrics.refreshBacklog();
        assertThat(meters.get("health_monitor.scheduler.backlog").gauge().value())
                .isEqualTo(2);

        dispatcher.dispatchDue();
        metrics.refreshBacklog();
        assertThat(meters.get("health_monitor.scheduler.backlog").gauge().value())
                .isZero();
    }

    @Test
    void honoursEachMonitorsOwnInterval() {
        long every30 = insertMonitor(true, "now() - interval '10 milliseconds'", 30);
        long every300 = insertMonitor(true, "now() - interval '10 milliseconds'", 300);
        Instant slot30 = putOnItsGrid(every30, 30);
        Instant slot300 = putOnItsGrid(every300, 300);

        dispatcher.dispatchDue();

        assertThat(nextCheckAt(every30)).isEqualTo(slot30.plusSeconds(30));
        assertThat(nextCheckAt(every300)).isEqualTo(slot300.plusSeconds(300));
    }

    @Test
    void sendsASlotMissedLongAgoOnceAndMovesItToItsNextGridSlotInsteadOfFiringTheBacklog() {
        long late = insertMonitor(true, "now() - interval '10 minutes'", 60);
        Instant before = Instant.now();

        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(dispatcher.dispatchDue())
                .as("the nine missed slots are not replayed")
                .isZero();

        Instant next = nextCheckAt(late);
        assertThat(next).isAfter(before.plusSeconds(30)).isBefore(Instant.now().plusSeconds(90));
        assertThat(Math.floorMod(next.toEpochMilli(), 60_000L)).isEqualTo(SlotGrid.phaseMillis(late, 60));
        assertThat(drain()).hasSize(1);
    }

    @Test
    void packsTheChecksOfARoundIntoVersion3MessagesOfAtMostTheConfiguredNumber() {
        jdbc.sql("INSERT INTO monitors (name, url, check_interval, timeout)"
                        + " SELECT 'm' || g, 'https://example.com/' || g, 60, 5 FROM generate_series(1, 120) g")
                .update();
        double callsBefore = sendCalls();

        assertThat(dispatcher.dispatchDue()).isEqualTo(120);

        assertThat(sendCalls() - callsBefore)
                .as("three messages, one SendMessageBatch call")
                .isEqualTo(1);
        List<String> bodies = drainBodies();
        assertThat(bodies).allMatch(body -> body.startsWith("{\"version\":3,"));
        assertThat(bodies).extracting(body -> codec.readAll(body).size()).containsExactlyInAnyOrder(50, 50, 20);
    }

    @Test
    void splitsChecksWithLargeRequestBodiesSoThatEveryMessageStaysUnderSqsLimit() {
        jdbc.sql("INSERT INTO monitors (name, url, check_interval, timeout, method, request_body)"
                        + " SELECT 'm' || g, 'https://example.com/' || g, 60, 5, 'POST', repeat('x', 60000)"
                        + " FROM generate_series(1, 10) g")
                .update();

        assertThat(dispatcher.dispatchDue()).isEqualTo(10);

        List<String> bodies = drainBodies();
        assertThat(bodies)
                .allSatisfy(body ->
                        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(256 * 1024))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(bodies.stream().mapToInt(body -> codec.readAll(body).size()).sum())
                .isEqualTo(10);
    }

    @Test
    void spreadsABurstOfNewMonitorsOverSeveralTicks() {
        jdbc.sql("INSERT INTO monitors (name, url, check_interval, timeout)"
                        + " SELECT 'm' || g, 'https://example.com/' || g, 60, 5 FROM generate_series(1, 1500) g")
                .update();

        assertThat(dispatcher.dispatchDue()).isEqualTo(1000);
        assertThat(dispatcher.dispatchDue()).isEqualTo(500);
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(drain()).hasSize(1500).extracting(CheckRequest::monitorId).doesNotHaveDuplicates();
    }

    @Test
    void twoSchedulersRunningAtOnceNeverSendAMonitorsSlotTwice() throws Exception {
        jdbc.sql("INSERT INTO monitors (name, url, check_interval, timeout)"
                        + " SELECT 'm' || g, 'https://example.com/' || g, 60, 5 FROM generate_series(1, 600) g")
                .update();
        ExecutorService schedulers = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> ticks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ticks.add(dispatcher::dispatchDue);
            }
            int sent = 0;
            for (Future<Integer> tick : schedulers.invokeAll(ticks)) {
                sent += tick.get();
            }
            assertThat(sent).isEqualTo(600);
        } finally {
            schedulers.shutdown();
        }

        assertThat(drain())
                .hasSize(600)
                .extracting(check -> check.monitorId() + "@" + check.slot())
                .doesNotHaveDuplicates();
    }

    @Test
    void keepsTheSlotWhenTheQueueRefusesTheSendAndSendsItOnALaterTick() {
        long due = insertMonitor(true, "now() - interval '1 second'", 60);
        Instant slot = putOnItsGrid(due, 60);
        String queueName = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        sqs.deleteQueue(b -> b.queueUrl(queueUrl));
        try {
            assertThat(dispatcher.dispatchDue()).isZero();
            assertThat(nextCheckAt(due)).isEqualTo(slot);
        } finally {
            sqs.createQueue(b -> b.queueName(queueName));
        }

        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        assertThat(drain()).extracting(CheckRequest::slot).containsExactly(slot);
        assertThat(nextCheckAt(due)).isEqualTo(slot.plusSeconds(60));
    }

    private long insertMonitor(boolean enabled, String nextCheckAt, int interval) {
        return jdbc.sql("INSERT INTO monitors (name, url, check_interval, timeout, enabled, next_check_at)"
                        + " VALUES ('m', 'https://example.com/health', :interval, 5, :enabled, " + nextCheckAt
                        + ") RETURNING id")
                .param("interval", interval)
                .param("enabled", enabled)
                .query(Long.class)
                .single();
    }

    /** Moves the monitor's slot to the latest instant of its grid that has passed, as after a check in time. */
    private Instant putOnItsGrid(long id, int interval) {
        long period = interval * 1000L;
        long phase = SlotGrid.phaseMillis(id, interval);
        long now = Instant.now().minusMillis(10).toEpochMilli();
        Instant slot = Instant.ofEpochMilli(Math.floorDiv(now - phase, period) * period + phase);
        jdbc.sql("UPDATE monitors SET next_check_at = ? WHERE id = ?")
                .param(Timestamp.from(slot))
                .param(id)
                .update();
        return slot;
    }

    private double sendCalls() {
        return meters.find("health_monitor.sqs.requests").tag("operation", "SendMessageBatch").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private Instant nextCheckAt(long id) {
        return jdbc.sql("SELECT next_check_at FROM monitors WHERE id = ?")
                .param(id)
                .query(Instant.class)
                .single();
    }

    private List<CheckRequest> drain() {
        return drainBodies().stream()
                .flatMap(body -> codec.readAll(body).stream())
                .toList();
    }

    private List<String> drainBodies() {
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).maxNumberOfMessages(10))
                    .messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (Message message : messages) {
                bodies.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }
}
