package com.healthmonitor.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestDatabase;
import com.healthmonitor.testing.TestQueues;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code LOG_FORMAT=json} the worker, started as its own process the way ECS starts it, writes one JSON
 * object per line, with the monitor as a field of its own, and no secret in any line.
 */
class JsonLogsTest {

    private static final String SECRET_PATH = "/services/T0000/B0000/verysecrettoken42";

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyLineIsOneJsonObjectWithFieldsAndNoSecrets() throws Exception {
        try (StubServer http = new StubServer()) {
            http.script("/json-down", Reply.status(503));
            http.script(SECRET_PATH, Reply.ok());
            String database = TestDatabase.newMigratedDatabase();
            long monitorId = insertDownMonitor(database, http.url("/json-down"), http.url(SECRET_PATH));
            String queueUrl = TestQueues.newQueue("json-logs");

            Process worker = startWorker(database, queueUrl);
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = Thread.ofVirtual().start(() -> readLines(worker, lines));
            try {
                TestQueues.server().client().sendMessage(b -> b.queueUrl(queueUrl)
                        .messageBody(new CheckRequestCodec()
                                .write(CheckRequest.of(
                                        monitorId,
                                        Instant.now().truncatedTo(ChronoUnit.MILLIS),
                                        1,
                                        http.url("/json-down"),
                                        5,
                                        200))));
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> lines.stream().anyMatch(line -> line.contains("[WEBHOOK] sent")));
            } finally {
                worker.destroy();
                worker.waitFor(30, TimeUnit.SECONDS);
                reader.join(Duration.ofSeconds(10));
            }

            assertThat(lines).isNotEmpty().allSatisfy(line -> {
                JsonNode entry = json.readTree(line);
                assertThat(entry.isObject()).as(line).isTrue();
                assertThat(entry.path("@timestamp").isString()).as(line).isTrue();
                assertThat(entry.path("log").path("level").asString()).as(line).isNotEmpty();
                assertThat(entry.path("service").path("name").asString()).isEqualTo("worker-service");
            });
            JsonNode sent = json.readTree(lines.stream()
                    .filter(line -> line.contains("[WEBHOOK] sent"))
                    .findFirst()
                    .orElseThrow());
            assertThat(sent.path("monitor_id").asString()).isEqualTo(Long.toString(monitorId));
            JsonNode transition = json.readTree(lines.stream()
                    .filter(line -> line.contains("[STATE CHANGE]"))
                    .findFirst()
                    .orElseThrow());
            assertThat(transition.path("monitor_id").asString()).isEqualTo(Long.toString(monitorId));
            assertThat(String.join("\n", lines))
                    .doesNotContain("verysecrettoken42")
                    .doesNotContain(TestDatabase.PASSWORD + "@");
        }
    }

    private static long insertDownMonitor(String database, String url, String webhook) {
        JdbcClient jdbc =
                JdbcClient.create(new DriverManagerDataSource(database, TestDatabase.USERNAME, TestDatabase.PASSWORD));
        return jdbc.sql("""
                        INSERT INTO monitors (name, url, check_interval, timeout, webhook_url, status,
                                              consecutive_failures)
                        VALUES ('json', :url, 60, 5, :webhook, 'UP', 1) RETURNING id""")
                .param("url", url)
                .param("webhook", webhook)
                .query(Long.class)
                .single();
    }

    private static Process startWorker(String database, String queueUrl) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        WorkerApplication.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("LOG_FORMAT", "json");
        env.put("DATABASE_URL", database);
        env.put("DATABASE_USERNAME", TestDatabase.USERNAME);
        env.put("DATABASE_PASSWORD", TestDatabase.PASSWORD);
        env.put("SQS_QUEUE_URL", queueUrl);
        env.put("AWS_ENDPOINT_URL", TestQueues.server().endpoint());
        env.put("AWS_REGION", TestQueues.REGION);
        env.put("AWS_ACCESS_KEY_ID", TestQueues.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", TestQueues.SECRET_KEY);
        env.put("FAIL_THRESHOLD", "2");
        env.put("ALLOW_PRIVATE_TARGETS", "true");
        env.put("SERVER_PORT", "0");
        return builder.start();
    }

    private static void readLines(Process process, List<String> lines) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        } catch (Exception e) {
            // The process ended.
        }
    }
}
