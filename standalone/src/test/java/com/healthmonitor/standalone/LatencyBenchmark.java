package com.healthmonitor.standalone;

import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Recorded;
import com.healthmonitor.testing.StubServer.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures, on the whole standalone system: API create throughput, time from a monitor's creation to its first
 * check, and time from the threshold-crossing check to the webhook POST. Not part of the test run:
 * {@code ./mvnw -pl standalone -am verify -Dgroups=benchmark -Dtest.excludedGroups= -Dtest=LatencyBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.monitors=1000}.
 */
@Tag("benchmark")
class LatencyBenchmark {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void measuresFirstCheckAndAlertLatency(@TempDir Path data) throws Exception {
        int monitors = Integer.getInteger("benchmark.monitors", 1000);
        try (StubServer stub = new StubServer();
                HealthMonitorSystem system = HealthMonitorSystem.start(StandaloneSettings.embedded(
                        data, 0, Map.of("ALLOW_PRIVATE_TARGETS", "true", "RATE_LIMIT_PER_MINUTE", "0")))) {
            stub.script("/target", Reply.ok());
            stub.script("/hook", Reply.ok());
            String api = "http://localhost:" + system.apiPort();

            long createStart = System.nanoTime();
            for (int i = 0; i < monitors; i++) {
                String body = """
                        {"name":"bench %d","url":"%s","check_interval":30,"timeout":5,"webhook_url":"%s"}""".formatted(i, stub.url("/target"), stub.url("/hook"));
                http.send(
                        HttpRequest.newBuilder(URI.create(api + "/monitors"))
                                .header("Content-Type", "application/json")
                                .POST(BodyPublishers.ofString(body))
                                .build(),
                        BodyHandlers.discarding());
            }
            double createSeconds = (System.nanoTime() - createStart) / 1e9;

            Map<Long, Duration> firstCheck = new HashMap<>();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        for (JsonNode monitor : list(api)) {
                            JsonNode checked = monitor.get("last_checked_at");
                            if (!checked.isNull()
                                    && !firstCheck.containsKey(monitor.get("id").asLong())) {
                                firstCheck.put(
                                        monitor.get("id").asLong(),
                                        Duration.between(
                                                Instant.parse(monitor.get("created_at")
                                                        .asString()),
                                                Instant.parse(checked.asString())));
                            }
                        }
                        return firstCheck.size() == monitors;
                    });

            await().atMost(Duration.ofMinutes(3))
                    .until(() -> stub.requests("/hook").size() >= monitors);
            Map<String, Instant> crossing = new HashMap<>();
            for (JsonNode monitor : list(api)) {
                crossing.put(
                        monitor.get("name").asString(),
                        Instant.parse(monitor.get("last_status_change_at").asString()));
            }
            List<Duration> alertLatency = new ArrayList<>();
            for (Recorded post : stub.requests("/hook")) {
                String name = json.readTree(post.body())
                        .get("text")
                        .asString()
                        .lines()
                        .toList()
                        .get(1)
                        .substring(6);
                alertLatency.add(Duration.between(crossing.get(name), post.at()));
            }

            System.out.printf(
                    "BENCHMARK monitors=%d create=%.0f/s firstCheck %s alertAfterCrossing %s%n",
                    monitors,
                    monitors / createSeconds,
                    summary(new ArrayList<>(firstCheck.values())),
                    summary(alertLatency));
        }
    }

    private List<JsonNode> list(String api) throws Exception {
        String body = http.send(
                        HttpRequest.newBuilder(URI.create(api + "/monitors?limit=1000"))
                                .build(),
                        BodyHandlers.ofString())
                .body();
        List<JsonNode> nodes = new ArrayList<>();
        json.readTree(body).forEach(nodes::add);
        return nodes;
    }

    private static String summary(List<Duration> values) {
        List<Long> millis = values.stream().map(Duration::toMillis).sorted().toList();
        return "p50=%dms p95=%dms max=%dms"
                .formatted(
                        millis.get(millis.size() / 2),
                        millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
                        millis.getLast());
    }
}
