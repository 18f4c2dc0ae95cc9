package com.healthmonitor.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Recorded;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Heartbeat monitors as a cron job meets them: pings over HTTP to the running API's {@code ping_url}, the worker's
 * silence detector on its schedule at the real clock, and exactly one alert per status change at the chat stand-in.
 */
class HeartbeatEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    static Path dataDirectory;

    private static HealthMonitorSystem system;
    private static StubServer chat;

    @BeforeAll
    static void startSystem() {
        chat = new StubServer();
        system = HealthMonitorSystem.start(StandaloneSettings.embedded(
                dataDirectory,
                0,
                Map.of(
                        "ALLOW_PRIVATE_TARGETS", "true",
                        "RATE_LIMIT_PER_MINUTE", "0",
                        "MIN_CHECK_INTERVAL", "2",
                        "health-monitor.heartbeat.check-interval", "200ms")));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        chat.close();
    }

    @Test
    void aJobThatStopsPingingIsDownOnceAndUpAgainWithItsNextPing() throws Exception {
        JsonNode created = create("Every two seconds", 2, 0, "/hooks/silent");
        String pingUrl = created.get("ping_url").asString();

        // Never pinged: the first deadline passes and the monitor goes DOWN, once.
        assertThat(awaitAlerts("/hooks/silent", 1).getFirst())
                .satisfies(
                        alert -> assertThat(text(alert)).contains("New: DOWN").contains("no ping for 2 s"));

        assertThat(ping(pingUrl, "GET").statusCode()).isEqualTo(200);
        assertThat(awaitAlerts("/hooks/silent", 2).get(1))
                .satisfies(alert -> assertThat(text(alert)).contains("Old: DOWN -> New: UP"));

        // Silence again: DOWN again, and then no further alert while the misses go on.
        assertThat(awaitAlerts("/hooks/silent", 3).get(2))
                .satisfies(alert ->
                        assertThat(text(alert)).contains("Old: UP -> New: DOWN").contains("no ping for 2 s"));
        long failures =
                monitor(created.get("id").asLong()).get("consecutive_failures").asLong();
        await().atMost(WAIT)
                .until(() -> monitor(created.get("id").asLong())
                                .get("consecutive_failures")
                                .asLong()
                        >= failures + 2);
        assertThat(chat.requests("/hooks/silent")).hasSize(3);
    }

    @Test
    void aFailReportIsDownAtOnceAndTheNextPingUpWithoutAKey() throws Exception {
        JsonNode created = create("Nightly backup", 86400, 3600, "/hooks/fail");
        String pingUrl = created.get("ping_url").asString();

        assertThat(ping(pingUrl, "POST").statusCode()).isEqualTo(200);
        assertThat(awaitAlerts("/hooks/fail", 1).getFirst())
                .satisfies(alert -> assertThat(text(alert)).contains("New: UP"));
        assertThat(ping(pingUrl + "/fail", "POST").statusCode()).isEqualTo(200);
        assertThat(awaitAlerts("/hooks/fail", 2).get(1))
                .satisfies(alert -> assertThat(text(alert)).contains("Old: UP -> New: DOWN"));
        assertThat(ping(pingUrl, "HEAD").statusCode()).isEqualTo(200);
        assertThat(awaitAlerts("/hooks/fail", 3).get(2))
                .satisfies(alert -> assertThat(text(alert)).contains("Old: DOWN -> New: UP"));
        assertThat(ping(pingUrl.replaceAll(".$", "x") + "x", "GET").statusCode())
                .as("an unknown token")
                .isEqualTo(404);
    }

    private static JsonNode create(String name, int period, int grace, String hookPath) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(api("/monitors"))
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString("""
                                {"type": "heartbeat", "name": "%s", "period": %d, "grace": %d, "webhook_url": "%s"}""".formatted(name, period, grace, chat.url(hookPath))))
                        .build(),
                BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    /** A ping as a job sends it: the URL as given, no key, no body. */
    private static HttpResponse<String> ping(String url, String method) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .method(method, BodyPublishers.noBody())
                        .build(),
                BodyHandlers.ofString());
    }

    private static List<Recorded> awaitAlerts(String hookPath, int count) {
        return await().atMost(WAIT).until(() -> chat.requests(hookPath), alerts -> alerts.size() >= count);
    }

    private static JsonNode monitor(long id) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(api("/monitors/" + id)).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String text(Recorded alert) {
        return json.readTree(alert.body()).get("text").asString();
    }

    private static URI api(String path) {
        return URI.create("http://127.0.0.1:" + system.apiPort() + path);
    }
}
