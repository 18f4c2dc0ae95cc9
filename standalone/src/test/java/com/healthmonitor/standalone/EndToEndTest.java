package com.healthmonitor.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Recorded;
import com.healthmonitor.testing.StubServer.Reply;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three services together, as the standalone run starts them: a real HTTP target we control, a real HTTP
 * server standing in for Slack, a real PostgreSQL and a real SQS-protocol server. Monitors are checked every 2 s
 * with the default thresholds (2 and 2).
 */
class EndToEndTest {

    private static final Duration ALERT_WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @TempDir
    static Path dataDirectory;

    private static StubServer stub;
    private static HealthMonitorSystem system;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startSystem() {
        stub = new StubServer();
        system = HealthMonitorSystem.start(settings(dataDirectory.resolve("main")));
    }

    @AfterAll
    static void stopSystem() {
        system.close();
        stub.close();
    }

    @Test
    void theApiListensOnLoopbackOnlyAndServesRequestsWithoutAKeyThere() throws Exception {
        assertThat(InetAddress.getByName(system.apiAddress()).isLoopbackAddress())
                .as(system.apiAddress())
                .isTrue();
        assertThat(send("GET", "/monitors", null).statusCode()).isEqualTo(200);

        Optional<InetAddress> external = nonLoopbackAddress();
        if (external.isPresent()) {
            InetSocketAddress target = new InetSocketAddress(external.get(), system.apiPort());
            assertThatThrownBy(() -> {
                        try (Socket socket = new Socket()) {
                            socket.connect(target, 2000);
                        }
                    })
                    .as("connecting to %s", target)
                    .isInstanceOf(ConnectException.class);
        }
    }

    /** An IPv4 address of this host that is not loopback, through which a neighbour could reach a port. */
    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
    }

    @Test
    void aHealthyEndpointIsAnnouncedUpExactlyOnce() throws Exception {
        Endpoint endpoint = endpoint(Reply.ok());
        long id = create(endpoint, 200);

        assertThat(awaitAlerts(endpoint, 1)).singleElement().satisfies(alert -> assertThat(text(alert))
                .startsWith("🔔 API Status Changed\nName: " + endpoint.name + "\nURL: " + endpoint.url()
                        + "\nOld: UNKNOWN -> New: UP\nTime: "));

        awaitMoreChecks(id, 2);
        assertThat(stub.requests(endpoint.hookPath)).hasSize(1);
        assertThat(monitor(id).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void theApiPortServesEveryServicesMetricsWithLiveValues() throws Exception {
        Endpoint endpoint = endpoint(Reply.ok());
        long id = create(endpoint, 200);
        awaitAlerts(endpoint, 1);

        await().atMost(ALERT_WAIT).untilAsserted(() -> assertThat(
                        send("GET", "/actuator/prometheus", null).body())
                .contains("health_monitor_scheduler_lag_seconds_count")
                .contains("health_monitor_scheduler_dispatched_total")
                .contains("health_monitor_checks_total{application=\"standalone\",outcome=\"transitioned\"}")
                .contains("health_monitor_check_duration_seconds_count")
                .contains("health_monitor_alerts_deliveries_total{application=\"standalone\",channel=\"slack\"")
                .contains("health_monitor_alerts_pending_oldest_age_seconds")
                .contains("health_monitor_monitor_up{application=\"standalone\",monitor_id=\"" + id + "\",name=\""
                        + endpoint.name + "\"} 1.0")
                .contains("health_monitor_monitors{application=\"standalone\",status=\"UP\"}"));
    }

    @Test
    void anOutageAndItsRecoveryAreEachAnnouncedOnce() throws Exception {
        Endpoint endpoint = endpoint(Reply.ok());
        long id = create(endpoint, 200);
        awaitAlerts(endpoint, 1);

        stub.script(endpoint.path, Reply.status(503));
        List<Recorded> afterOutage = awaitAlerts(endpoint, 2);
        assertThat(text(afterOutage.get(1))).contains("Old: UP -> New: DOWN").contains("503");
        assertThat(monitor(id).get("status").asString()).isEqualTo("DOWN");

        stub.script(endpoint.path, Reply.ok());
        List<Recorded> afterRecovery = awaitAlerts(endpoint, 3);
        assertThat(text(afterRecovery.get(2))).contains("Old: DOWN -> New: UP");

        awaitMoreChecks(id, 2);
        assertThat(stub.requests(endpoint.hookPath)).hasSize(3);
    }

    @Test
    void aChannelIsTestedThroughTheApiAndGetsTheMonitorsAlertsInItsOwnFormat() throws Exception {
        Endpoint endpoint = endpoint(Reply.ok());
        String discordPath = endpoint.hookPath + "-discord";
        stub.script(discordPath, Reply.ok());
        HttpResponse<String> channel = send("POST", "/channels", """
                {"name": "dev", "type": "discord", "url": "%s"}""".formatted(stub.url(discordPath)));
        assertThat(channel.statusCode()).as(channel.body()).isEqualTo(201);
        long channelId = json.readTree(channel.body()).get("id").asLong();

        HttpResponse<String> test = send("POST", "/channels/" + channelId + "/test", null);

        assertThat(test.statusCode()).as(test.body()).isEqualTo(200);
        assertThat(json.readTree(test.body()).get("status").asString()).isEqualTo("SENT");
        assertThat(json.readTree(test.body()).get("status_code").asInt()).isEqualTo(200);
        assertThat(stub.requests(discordPath)).hasSize(1);

        HttpResponse<String> monitor =
                send("POST", "/monitors", """
                {"name": "%s", "url": "%s", "check_interval": 2, "timeout": 1, "channel_ids": [%d]}""".formatted(endpoint.name, endpoint.url(), channelId));
        assertThat(monitor.statusCode()).as(monitor.body()).isEqualTo(201);

        await().atMost(ALERT_WAIT).until(() -> stub.requests(discordPath).size() == 2);
        JsonNode embed = json.readTree(stub.requests(discordPath).get(1).body())
                .get("embeds")
                .get(0);
        assertThat(embed.get("title").asString()).isEqualTo("🟢 " + endpoint.name + " is UP");
        assertThat(embed.get("color").asInt()).isEqualTo(0x2ECC71);
    }

    @Test
    void aFlappingEndpointNeverAlerts() throws Exception {
        List<Reply> alternating = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            alternating.add(i % 2 == 0 ? Reply.ok() : Reply.status(500));
        }
        Endpoint endpoint = endpoint(alternating.toArray(Reply[]::new));
        long id = create(endpoint, 200);

        awaitMoreChecks(id, 6);

        assertThat(stub.requests(endpoint.hookPath)).isEmpty();
        assertThat(monitor(id).get("status").asString()).isEqualTo("UNKNOWN");
    }

    @Test
    void anEndpointSlowerThanTheTimeoutIsDown() throws Exception {
        Endpoint endpoint = endpoint(Reply.ok().after(Duration.ofSeconds(3)));
        long id = create(endpoint, 200);

        assertThat(text(awaitAlerts(endpoint, 1).getFirst())).contains("Old: UNKNOWN -> New: DOWN");
        assertThat(monitor(id).get("last_error").asString()).containsIgnoringCase("timeout");
    }

    @Test
    void expectingAnotherStatusThanTheEndpointGivesIsDown() throws Exception {
        // The seed's step 12: expected_status_code 500 against an endpoint that answers 200.
        Endpoint endpoint = endpoint(Reply.ok());
        long id = create(endpoint, 500);

        assertThat(text(awaitAlerts(endpoint, 1).getFirst())).contains("Old: UNKNOWN -> New: DOWN");
        JsonNode monitor = monitor(id);
        assertThat(monitor.get("status").asString()).isEqualTo("DOWN");
        assertThat(monitor.get("last_status_code").asInt()).isEqualTo(200);
    }

    @Test
    void disabledAndDeletedMonitorsAreNoLongerChecked() throws Exception {
        Endpoint disabled = endpoint(Reply.ok());
        long disabledId = create(disabled, 200);
        Endpoint deleted = endpoint(Reply.ok());
        long deletedId = create(deleted, 200);
        awaitAlerts(disabled, 1);
        awaitAlerts(deleted, 1);

        String body = monitorJson(disabled, 200).replace("\"enabled\": true", "\"enabled\": false");
        assertThat(send("PUT", "/monitors/" + disabledId, body).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/monitors/" + deletedId, null).statusCode()).isEqualTo(204);
        // A check already queued may still arrive; after that, nothing.
        int disabledHits = stub.requests(disabled.path).size() + 1;
        int deletedHits = stub.requests(deleted.path).size() + 1;

        await().during(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(8))
                .until(() -> stub.requests(disabled.path).size() <= disabledHits
                        && stub.requests(deleted.path).size() <= deletedHits);
        assertThat(stub.requests(disabled.hookPath)).hasSize(1);
    }

    @Test
    void monitorsAndTheirStatusSurviveARestartWithoutARepeatedAlert() throws Exception {
        Path data = dataDirectory.resolve("restart");
        Endpoint endpoint = endpoint(Reply.ok());
        long id;
        try (HealthMonitorSystem first = HealthMonitorSystem.start(settings(data))) {
            id = create(first, endpoint, 200);
            awaitAlerts(endpoint, 1);
        }

        try (HealthMonitorSystem second = HealthMonitorSystem.start(settings(data))) {
            JsonNode monitor = get(second, id);
            assertThat(monitor.get("status").asString()).isEqualTo("UP");
            String checkedBefore = monitor.get("last_checked_at").asString();
            await().atMost(ALERT_WAIT)
                    .until(() ->
                            !get(second, id).get("last_checked_at").asString().equals(checkedBefore));
            awaitMoreChecks(second, id, 2);
        }
        assertThat(stub.requests(endpoint.hookPath)).hasSize(1);
    }

    // --- helpers ---

    private record Endpoint(String name, String path, String hookPath) {
        String url() {
            return stub.url(path);
        }
    }

    private static Endpoint endpoint(Reply... replies) {
        int n = SEQUENCE.incrementAndGet();
        Endpoint endpoint = new Endpoint("Endpoint " + n, "/target/" + n, "/hooks/" + n);
        stub.script(endpoint.path, replies);
        stub.script(endpoint.hookPath, Reply.ok());
        return endpoint;
    }

    private static StandaloneSettings settings(Path data) {
        return StandaloneSettings.embedded(
                data,
                0,
                Map.of(
                        "ALLOW_PRIVATE_TARGETS", "true",
                        // The tests poll the API far more often than a person would.
                        "RATE_LIMIT_PER_MINUTE", "0",
                        "MIN_CHECK_INTERVAL", "2",
                        "SCHEDULER_TICK", "200ms",
                        "health-monitor.metrics.refresh", "500ms"));
    }

    private static String monitorJson(Endpoint endpoint, int expectedStatus) {
        return """
                {"name": "%s", "url": "%s", "check_interval": 2, "timeout": 1,
                 "expected_status_code": %d, "webhook_url": "%s", "enabled": true}""".formatted(endpoint.name, endpoint.url(), expectedStatus, stub.url(endpoint.hookPath));
    }

    private static long create(Endpoint endpoint, int expectedStatus) throws Exception {
        return create(system, endpoint, expectedStatus);
    }

    private static long create(HealthMonitorSystem target, Endpoint endpoint, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(target, "POST", "/monitors", monitorJson(endpoint, expectedStatus));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asLong();
    }

    private static List<Recorded> awaitAlerts(Endpoint endpoint, int count) {
        return await().atMost(ALERT_WAIT)
                .until(() -> stub.requests(endpoint.hookPath), alerts -> alerts.size() >= count);
    }

    /** Waits until the worker has applied {@code checks} more results to the monitor. */
    private static void awaitMoreChecks(long id, int checks) throws Exception {
        awaitMoreChecks(system, id, checks);
    }

    private static void awaitMoreChecks(HealthMonitorSystem target, long id, int checks) throws Exception {
        List<String> seen =
                new ArrayList<>(List.of(get(target, id).path("last_checked_at").asString("")));
        await().atMost(ALERT_WAIT).until(() -> {
            String latest = get(target, id).path("last_checked_at").asString("");
            if (!latest.equals(seen.getLast())) {
                seen.add(latest);
            }
            return seen.size() > checks;
        });
    }

    private static String text(Recorded alert) {
        return json.readTree(alert.body()).get("text").asString();
    }

    private static JsonNode monitor(long id) throws Exception {
        return get(system, id);
    }

    private static JsonNode get(HealthMonitorSystem target, long id) throws IOException, InterruptedException {
        HttpResponse<String> response = send(target, "GET", "/monitors/" + id, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(system, method, path, body);
    }

    private static HttpResponse<String> send(HealthMonitorSystem target, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + target.apiPort() + path));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body));
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
