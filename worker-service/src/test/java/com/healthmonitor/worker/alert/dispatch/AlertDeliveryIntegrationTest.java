package com.healthmonitor.worker.alert.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.alert.AlertProperties;
import com.healthmonitor.worker.alert.outbox.Outbox;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The outbox against a real HTTP Slack stand-in: retries, Retry-After, give-up, ordering, leases. */
@WorkerIntegrationTest
class AlertDeliveryIntegrationTest {

    private static final StubServer SLACK = new StubServer();
    private static final Duration WAIT = Duration.ofSeconds(20);
    // Monitor ids of their own (deliveries have no foreign key to monitors), far from the other tests' monitors.
    private static final AtomicLong MONITOR_IDS = new AtomicLong(900_000);

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private Outbox outbox;

    @Autowired
    private OutboxDispatcher dispatcher;

    @Autowired
    private AlertProperties properties;

    @AfterAll
    static void stop() {
        SLACK.close();
    }

    @Test
    void retriesA500AndA429HonouringRetryAfterThenDeliversExactlyOnce() {
        SLACK.script("/retry", Reply.status(500), Reply.status(429).withHeader("Retry-After", "1"), Reply.ok());
        long id = pendingAlert(MONITOR_IDS.incrementAndGet(), "/retry", "first", "0 seconds");

        dispatcher.wake();

        await().atMost(WAIT).until(() -> delivery(id).equals("SENT"));
        List<StubServer.Recorded> posts = SLACK.requests("/retry");
        assertThat(posts).hasSize(3);
        assertThat(posts).allSatisfy(post -> {
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.header("Content-Type")).startsWith("application/json");
            assertThat(post.body()).isEqualTo("{\"text\": \"first\"}");
        });
        assertThat(Duration.between(posts.get(1).at(), posts.get(2).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(row(id)).containsEntry("attempts", 3).containsEntry("last_error", null);
    }

    @Test
    void reschedulesARoundOfFailuresAndDeliversLater() {
        SLACK.script("/outage", Reply.status(503), Reply.status(503), Reply.status(503), Reply.ok());
        long id = pendingAlert(MONITOR_IDS.incrementAndGet(), "/outage", "later", "0 seconds");

        dispatcher.wake();

        await().atMost(WAIT).until(() -> delivery(id).equals("SENT"));
        assertThat(SLACK.requests("/outage")).hasSize(4);
        assertThat(row(id)).containsEntry("attempts", 4);
    }

    @Test
    void keepsEachMonitorsAlertsInOrderWhileAnEarlierOneIsRetried() {
        SLACK.script("/order", Reply.status(500), Reply.status(500), Reply.status(500), Reply.ok());
        long monitor = MONITOR_IDS.incrementAndGet();
        long down = pendingAlert(monitor, "/order", "DOWN", "0 seconds");
        long up = pendingAlert(monitor, "/order", "UP", "0 seconds");

        dispatcher.wake();

        await().atMost(WAIT).until(() -> delivery(up).equals("SENT"));
        assertThat(delivery(down)).isEqualTo("SENT");
        List<String> bodies =
                SLACK.requests("/order").stream().map(StubServer.Recorded::body).toList();
        assertThat(bodies)
                .containsExactly(
                        "{\"text\": \"DOWN\"}",
                        "{\"text\": \"DOWN\"}",
                        "{\"text\": \"DOWN\"}",
                        "{\"text\": \"DOWN\"}",
                        "{\"text\": \"UP\"}");
    }

    @Test
    void givesUpOnARevokedWebhookAtOnce() {
        SLACK.script("/revoked", new Reply(404, Map.of(), "no_service", Duration.ZERO));
        long id = pendingAlert(MONITOR_IDS.incrementAndGet(), "/revoked", "x", "0 seconds");

        dispatcher.wake();

        await().atMost(WAIT).until(() -> delivery(id).equals("FAILED"));
        assertThat(SLACK.requests("/revoked")).hasSize(1);
        assertThat(row(id)).containsEntry("last_error", "HTTP 404: no_service");
    }

    @Test
    void marksAnAlertFailedOnceItIsOlderThanTheGiveUpTime() {
        SLACK.script("/dead", Reply.status(500));
        long id = pendingAlert(MONITOR_IDS.incrementAndGet(), "/dead", "x", "2 hours");

        dispatcher.wake();

        await().atMost(WAIT).until(() -> delivery(id).equals("FAILED"));
        assertThat(SLACK.requests("/dead")).hasSize(3);
        assertThat(row(id)).containsEntry("last_error", "HTTP 500").containsEntry("attempts", 3);
    }

    @Test
    void aClaimedAlertIsInvisibleToOtherWorkersUntilItsLeaseExpires() {
        // Not due yet for the running dispatcher: the test claims it by hand.
        long id = pendingAlert(MONITOR_IDS.incrementAndGet(), "/lease", "x", "0 seconds");
        jdbc.sql("UPDATE deliveries SET next_attempt_at = now() + interval '1 hour' WHERE id = :id")
                .param("id", id)
                .update();
        jdbc.sql("UPDATE deliveries SET next_attempt_at = now() - interval '1 second' WHERE id = :id"
                        + " AND locked_by IS NULL")
                .param("id", id)
                .update();
        jdbc.sql("UPDATE deliveries SET locked_by = 'crashed-worker', locked_until = now() + interval '1 hour'"
                        + " WHERE id = :id")
                .param("id", id)
                .update();

        assertThat(outbox.claim("worker-b", Duration.ofMinutes(1), 100))
                .extracting(Outbox.Claimed::id)
                .doesNotContain(id);

        jdbc.sql("UPDATE deliveries SET locked_until = now() - interval '1 second' WHERE id = :id")
                .param("id", id)
                .update();
        SLACK.script("/lease", Reply.ok());
        dispatcher.wake();

        await().atMost(WAIT).until(() -> delivery(id).equals("SENT"));
        assertThat(SLACK.requests("/lease")).hasSize(1);
    }

    @Test
    void aCrashedWorkersAlertIsTakenBackWithinALeaseAndSentOnce() {
        long id = pendingAlert(MONITOR_IDS.incrementAndGet(), "/crash", "x", "0 seconds");
        // What a worker that claimed the alert and then died leaves behind: its lease, never renewed again.
        jdbc.sql("UPDATE deliveries SET locked_by = 'crashed-worker',"
                        + " locked_until = now() + make_interval(secs => :lease) WHERE id = :id")
                .param("lease", properties.lease().toSeconds())
                .param("id", id)
                .update();
        SLACK.script("/crash", Reply.ok());

        dispatcher.wake();

        // Seconds, not the minutes the old two-minute lease took.
        await().atMost(properties.lease().plusSeconds(5))
                .until(() -> delivery(id).equals("SENT"));
        assertThat(SLACK.requests("/crash")).hasSize(1);
    }

    @Test
    void anAlertKeepsItsLeaseForAsLongAsItIsBeingSent() {
        Duration slow = properties.lease().dividedBy(2);
        // A round of three slow answers takes longer than the lease itself.
        SLACK.script(
                "/slow",
                Reply.status(503).after(slow),
                Reply.status(503).after(slow),
                Reply.ok().after(slow));
        long id = pendingAlert(MONITOR_IDS.incrementAndGet(), "/slow", "x", "0 seconds");

        dispatcher.wake();
        await().atMost(WAIT).until(() -> !SLACK.requests("/slow").isEmpty());

        await().during(properties.lease().plus(slow.dividedBy(2)))
                .atMost(WAIT)
                .until(() -> delivery(id).equals("SENT")
                        || outbox.claim("worker-b", properties.lease(), 100).stream()
                                .noneMatch(claimed -> claimed.id() == id));
        await().atMost(WAIT).until(() -> delivery(id).equals("SENT"));
        assertThat(SLACK.requests("/slow")).hasSize(3);
        assertThat(row(id)).containsEntry("attempts", 3);
    }

    private long pendingAlert(long monitorId, String path, String text, String age) {
        return jdbc.sql("""
                        INSERT INTO deliveries (kind, monitor_id, channel_type, stream, target_url, payload, status,
                                                next_attempt_at, created_at)
                        VALUES ('STATUS_CHANGE', :monitor, 'slack', 'monitor-webhook', :webhook,
                                jsonb_build_object('text', CAST(:text AS text)), 'PENDING', now(),
                                now() - CAST(:age AS interval))
                        RETURNING id""")
                .param("monitor", monitorId)
                .param("age", age)
                .param("webhook", SLACK.url(path))
                .param("text", text)
                .query(Long.class)
                .single();
    }

    private String delivery(long id) {
        return jdbc.sql("SELECT status FROM deliveries WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private Map<String, Object> row(long id) {
        return jdbc.sql("SELECT * FROM deliveries WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }
}
