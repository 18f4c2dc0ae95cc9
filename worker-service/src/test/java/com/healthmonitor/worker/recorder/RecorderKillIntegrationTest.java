package com.healthmonitor.worker.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckResultMessage;
import com.healthmonitor.common.check.CheckResultMessageCodec;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestDatabase;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.WorkerApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The recorder as a process of its own (the worker's main on the worker's class path, as JsonLogsTest starts it),
 * killed with SIGKILL while probe results are queued and some are being recorded; a second recorder then finds every
 * result recorded once and every monitor's transition, and its alert, queued once.
 */
class RecorderKillIntegrationTest {

    private static final int MONITORS = 600;
    private static final int SLOTS = 4;
    private static final int PER_MESSAGE = 50;
    private static final StubServer HTTP = new StubServer();

    private final CheckResultMessageCodec codec = new CheckResultMessageCodec();

    @AfterAll
    static void stop() {
        HTTP.close();
    }

    @Test
    void killingTheRecorderWhileResultsAreQueuedLosesNoneAndRepeatsNoAlert() throws Exception {
        HTTP.script("/kill-hook", Reply.ok());
        String database = TestDatabase.newMigratedDatabase();
        JdbcClient jdbc =
                JdbcClient.create(new DriverManagerDataSource(database, TestDatabase.USERNAME, TestDatabase.PASSWORD));
        List<Long> ids = jdbc.sql("""
                        INSERT INTO monitors (name, url, check_interval, timeout, webhook_url, status)
                        SELECT 'kill-' || n, 'https://example.com/', 60, 5, :hook, 'UP'
                        FROM generate_series(1, :count) n RETURNING id""")
                .param("hook", HTTP.url("/kill-hook"))
                .param("count", MONITORS)
                .query(Long.class)
                .list();
        // A short visibility timeout: the message in flight at the kill comes back within seconds.
        String results = TestQueues.server()
                .client()
                .createQueue(
                        b -> b.queueName("kill-results").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3")))
                .queueUrl();
        String checks = TestQueues.newQueue("kill-checks");
        queueFailures(results, ids);
        int total = MONITORS * SLOTS;

        // One message at a time, so that the kill comes amid the second slot's messages: after transitions (and their
        // alerts) committed, likely before their message was deleted (deletes are batched), with results still queued.
        Process first = startRecorder(database, checks, results, "recorder-1", "1");
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(50))
                    .failFast("the first recorder exited", () -> !first.isAlive())
                    .until(() -> count(jdbc, "status_changes") >= PER_MESSAGE);
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop of the listener
            first.waitFor(30, TimeUnit.SECONDS);
        }
        long recordedAtKill = count(jdbc, "check_results");
        long changesAtKill = count(jdbc, "status_changes");
        System.out.printf(
                "[KILL] at the kill: %d of %d results recorded, %d status changes%n",
                recordedAtKill, total, changesAtKill);
        assertThat(recordedAtKill)
                .as("results recorded when the recorder was killed")
                .isLessThan(total);

        Process second = startRecorder(database, checks, results, "recorder-2", "10");
        try {
            await().atMost(Duration.ofMinutes(3))
                    .failFast("the second recorder exited", () -> !second.isAlive())
                    .until(() -> count(jdbc, "check_results") == total
                            && TestQueues.server().approximateMessages(results) == 0);
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }

        assertThat(count(jdbc, "check_results")).isEqualTo(total);
        assertThat(count(jdbc, "monitors WHERE status = 'DOWN'")).isEqualTo(MONITORS);
        assertThat(count(jdbc, "status_changes")).isEqualTo(MONITORS);
        assertThat(jdbc.sql("SELECT count(DISTINCT monitor_id) FROM status_changes")
                        .query(Long.class)
                        .single())
                .isEqualTo(MONITORS);
        assertThat(count(jdbc, "deliveries WHERE kind = 'STATUS_CHANGE'")).isEqualTo(MONITORS);
    }

    /** Each monitor fails {@code SLOTS} slots from location eu-west-1, in messages of 50 results, slot by slot. */
    private void queueFailures(String queueUrl, List<Long> ids) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(SLOTS));
        List<String> bodies = new ArrayList<>();
        for (int slot = 0; slot < SLOTS; slot++) {
            Instant at = start.plus(Duration.ofMinutes(slot));
            for (int from = 0; from < ids.size(); from += PER_MESSAGE) {
                bodies.add(codec.writeBatch(ids.subList(from, Math.min(from + PER_MESSAGE, ids.size())).stream()
                        .map(id -> new CheckResultMessage(
                                1, id, at, 1, "eu-west-1", 5, 14, at, false, 503, 9, "HTTP 503", true, null, null))
                        .toList()));
            }
        }
        for (int from = 0; from < bodies.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = IntStream.range(from, Math.min(from + 10, bodies.size()))
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder()
                            .id("m" + i)
                            .messageBody(bodies.get(i))
                            .build())
                    .toList();
            TestQueues.server().client().sendMessageBatch(b -> b.queueUrl(queueUrl)
                    .entries(entries));
        }
    }

    private static Process startRecorder(
            String database, String checks, String results, String name, String messagesInFlight) throws IOException {
        Path log = Path.of("target", name + ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        WorkerApplication.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("DATABASE_URL", database);
        env.put("DATABASE_USERNAME", TestDatabase.USERNAME);
        env.put("DATABASE_PASSWORD", TestDatabase.PASSWORD);
        env.put("SQS_QUEUE_URL", checks);
        env.put("RESULTS_QUEUE_URL", results);
        env.put("WORKER_MESSAGES_IN_FLIGHT", messagesInFlight);
        env.put("AWS_ENDPOINT_URL", TestQueues.server().endpoint());
        env.put("AWS_REGION", TestQueues.REGION);
        env.put("AWS_ACCESS_KEY_ID", TestQueues.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", TestQueues.SECRET_KEY);
        env.put("FAIL_THRESHOLD", "2");
        env.put("ALLOW_PRIVATE_TARGETS", "true");
        env.put("SERVER_PORT", "0");
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-kill"));
        return process;
    }

    private static long count(JdbcClient jdbc, String fromWhere) {
        return jdbc.sql("SELECT count(*) FROM " + fromWhere).query(Long.class).single();
    }
}
