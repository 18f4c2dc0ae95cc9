package com.healthmonitor.worker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.check.Locations;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A monitor checked from two locations, eu-west-1 and us-east-1, against a target that fails only the requests whose
 * {@code X-Health-Monitor-Location} names eu-west-1. The checks of both locations come through the worker's real
 * listener and HTTP client (a check names its location; the worker sends it in the header).
 */
@WorkerIntegrationTest
class LocationConfirmationIntegrationTest {

    private static final String EU = "eu-west-1";
    private static final String US = "us-east-1";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final StubServer HOOKS = new StubServer();

    /** Fails (503) for eu-west-1 only; remembers the location of every request. */
    private static HttpServer target;

    private static final List<String> seenLocations = new CopyOnWriteArrayList<>();

    private final CheckRequestCodec codec = new CheckRequestCodec();

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ResultRecorder recorder;

    @Value("${health-monitor.sqs.queue-url}")
    private String queueUrl;

    @BeforeAll
    static void startTarget() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/", exchange -> {
            String location = exchange.getRequestHeaders().getFirst(Locations.HEADER);
            seenLocations.add(String.valueOf(location));
            int status = EU.equals(location) ? 503 : 200;
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
    }

    @AfterAll
    static void stop() {
        target.stop(0);
        HOOKS.close();
    }

    @Test
    void aMonitorFailingInFewerLocationsThanRequiredIsDegradedButNeverDown() {
        long id = monitor("two-needed", 2);

        Instant slot = slot();
        for (int i = 0; i < 3; i++) {
            sendBothLocations(id, slot.plusSeconds(i));
            int expected = 2 * (i + 1);
            await().atMost(WAIT).until(() -> results(id) == expected);
        }

        await().atMost(WAIT).until(() -> TestQueues.server().approximateMessages(queueUrl) == 0);
        assertThat(seenLocations).contains(EU, US);
        assertThat(row(id))
                .containsEntry("status", "UP")
                .containsEntry("consecutive_failures", 0)
                .containsEntry("consecutive_successes", 3);
        assertThat(failingLocations(id)).containsExactly(EU);
        assertThat(statusChanges(id)).isZero();
        assertThat(count("""
                        SELECT count(*) FROM check_results WHERE monitor_id = :id AND location = 'eu-west-1'
                          AND NOT success""", id)).isEqualTo(3);
        // Uptime counts confirmed failures only: none.
        assertThat(count("SELECT coalesce(sum(failures), 0) FROM check_rollups_hourly WHERE monitor_id = :id", id))
                .isZero();
        assertThat(count("SELECT coalesce(sum(checks), 0) FROM check_rollups_hourly WHERE monitor_id = :id", id))
                .isEqualTo(6);
    }

    @Test
    void oneFailingLocationIsEnoughWhenOneIsRequiredAndTheAlertNamesIt() {
        HOOKS.script("/one-needed", Reply.ok(), Reply.ok());
        long id = monitor("one-needed", 1);

        Instant slot = slot();
        sendBothLocations(id, slot);
        await().atMost(WAIT).until(() -> results(id) == 2);
        assertThat(row(id)).containsEntry("status", "UP").containsEntry("consecutive_failures", 1);
        sendBothLocations(id, slot.plusSeconds(1));

        await().atMost(WAIT).until(() -> "DOWN".equals(row(id).get("status")));
        String reason = jdbc.sql("SELECT reason FROM status_changes WHERE monitor_id = :id AND new_status = 'DOWN'")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(reason).matches("Failed from: eu-west-1 \\(expected status .*200.*, got 503\\)");
        await().atMost(WAIT).until(() -> !HOOKS.requests("/one-needed").isEmpty());
        assertThat(HOOKS.requests("/one-needed").getFirst().body()).contains("Failed from: eu-west-1");
        assertThat(count("SELECT coalesce(sum(failures), 0) FROM check_rollups_hourly WHERE monitor_id = :id", id))
                .isEqualTo(4);
    }

    @Test
    void aLocationWhoseResultsStopArrivingMakesNothingDown() {
        long id = monitor("silent-us", 2);
        // Slots whose wait (timeout and margin) is over: us-east-1 never answers them.
        Instant slot = slot().minusSeconds(90);

        for (int i = 0; i < 3; i++) {
            assertThat(recorder.applyAll(List.of(checked(id, slot.plusSeconds(i), EU, false))))
                    .containsExactly(Applied.APPLIED);
        }

        assertThat(row(id))
                .containsEntry("status", "UP")
                .containsEntry("consecutive_failures", 0)
                .containsEntry("consecutive_successes", 0);
        assertThat(failingLocations(id)).containsExactly(EU);
        assertThat(statusChanges(id)).isZero();
    }

    @Test
    void aSlotWaitsForTheOtherLocationUntilItsDeadline() {
        long id = monitor("waiting", 2);
        Instant slot = slot();

        assertThat(recorder.applyAll(List.of(checked(id, slot, EU, false))))
                .containsExactly(Applied.AWAITING_LOCATIONS);
        assertThat(row(id)).containsEntry("consecutive_failures", 0).containsEntry("last_applied_slot", null);

        assertThat(recorder.applyAll(List.of(checked(id, slot, US, false)))).containsExactly(Applied.APPLIED);
        assertThat(row(id)).containsEntry("consecutive_failures", 1);
        assertThat(failingLocations(id)).containsExactly(EU, US);
    }

    @Test
    void aFailureArrivingAfterItsSlotWasDecidedStillShowsItsLocation() {
        long id = monitor("late-failure", 2);
        Instant slot = slot();

        // us-east-1 passed: eu-west-1 alone can no longer fail the slot, so it is decided at once.
        assertThat(recorder.applyAll(List.of(checked(id, slot, US, true)))).containsExactly(Applied.APPLIED);
        assertThat(failingLocations(id)).isEmpty();
        assertThat(recorder.applyAll(List.of(checked(id, slot, EU, false)))).containsExactly(Applied.STALE);

        assertThat(failingLocations(id)).containsExactly(EU);
        assertThat(row(id)).containsEntry("consecutive_successes", 1).containsEntry("consecutive_failures", 0);
    }

    @Test
    void redeliveredAndLateResultsChangeNothingTwice() {
        HOOKS.script("/late", Reply.ok(), Reply.ok());
        long id = monitor("late", 1);
        Instant first = slot();
        Instant second = first.plusSeconds(1);

        assertThat(recorder.applyAll(List.of(checked(id, first, EU, false), checked(id, first, US, true))))
                .containsExactly(Applied.APPLIED, Applied.APPLIED);
        // Redelivered: the same results again.
        assertThat(recorder.applyAll(List.of(checked(id, first, EU, false), checked(id, first, US, true))))
                .containsExactly(Applied.DUPLICATE, Applied.DUPLICATE);
        assertThat(row(id)).containsEntry("consecutive_failures", 1);

        // One location's failure decides the second slot at once: DOWN.
        assertThat(recorder.applyAll(List.of(checked(id, second, EU, false)))).containsExactly(Applied.TRANSITIONED);
        // The other location's result arrives late: history only.
        assertThat(recorder.applyAll(List.of(checked(id, second, US, true)))).containsExactly(Applied.STALE);
        assertThat(recorder.applyAll(List.of(checked(id, second, EU, false)))).containsExactly(Applied.DUPLICATE);

        assertThat(row(id)).containsEntry("status", "DOWN").containsEntry("consecutive_failures", 2);
        assertThat(statusChanges(id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM deliveries WHERE monitor_id = :id", id))
                .isEqualTo(1);
        assertThat(results(id)).isEqualTo(4);
        // Each result counted once in the rollups; the late success of a failed slot counts with its slot.
        assertThat(count("SELECT coalesce(sum(checks), 0) FROM check_rollups_hourly WHERE monitor_id = :id", id))
                .isEqualTo(4);
        assertThat(count("SELECT coalesce(sum(failures), 0) FROM check_rollups_hourly WHERE monitor_id = :id", id))
                .isEqualTo(4);
    }

    private long monitor(String name, int minFailing) {
        long id = new Monitors(jdbc).insert(name, target(), HOOKS.url("/" + name), "UP", 0, 0);
        jdbc.sql("""
                        UPDATE monitors SET locations = ARRAY['eu-west-1', 'us-east-1'], min_failing_locations = :min
                        WHERE id = :id""").param("min", minFailing).param("id", id).update();
        return id;
    }

    private void sendBothLocations(long id, Instant slot) {
        CheckRequest check = CheckRequest.of(id, slot, 1, target(), 5, 200);
        for (String location : List.of(EU, US)) {
            String body = codec.writeBatch(List.of(check.withLocation(location)));
            TestQueues.server().client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        }
    }

    private Checked checked(long id, Instant slot, String location, boolean success) {
        CheckRequest request = CheckRequest.of(id, slot, 1, target(), 5, 200).withLocation(location);
        return new Checked(
                request,
                new com.healthmonitor.worker.result.CheckResult(
                        Instant.now(),
                        success,
                        success ? 200 : 503,
                        12,
                        success ? null : "expected status 200, got 503"));
    }

    private static String target() {
        return "http://127.0.0.1:" + target.getAddress().getPort() + "/health";
    }

    private long results(long id) {
        return count("SELECT count(*) FROM check_results WHERE monitor_id = :id", id);
    }

    private long statusChanges(long id) {
        return count("SELECT count(*) FROM status_changes WHERE monitor_id = :id", id);
    }

    private List<String> failingLocations(long id) {
        return List.of(jdbc.sql("SELECT failing_locations FROM monitors WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> (String[]) rs.getArray(1).getArray())
                .single());
    }

    private long count(String sql, long id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

    private Map<String, Object> row(long id) {
        return jdbc.sql("SELECT * FROM monitors WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private static Instant slot() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
