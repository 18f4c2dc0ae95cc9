package com.healthmonitor.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.Locations;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standalone with a second location ({@code STANDALONE_PROBE_LOCATION}): a probe in the same JVM checks from
 * {@code second-site} through its own queue and sends its results through the results queue, which the worker
 * records. A target that fails only for {@code second-site} leaves a monitor needing two failing locations UP.
 */
class TwoLocationsEndToEndTest {

    private static final String SECOND = "second-site";
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final Set<String> seenLocations = ConcurrentHashMap.newKeySet();

    @TempDir
    static Path dataDirectory;

    private static HttpServer target;
    private static HealthMonitorSystem system;

    @BeforeAll
    static void start() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/", exchange -> {
            String location = exchange.getRequestHeaders().getFirst(Locations.HEADER);
            seenLocations.add(String.valueOf(location));
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(SECOND.equals(location) ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
        system = HealthMonitorSystem.start(StandaloneSettings.embedded(
                        dataDirectory,
                        0,
                        Map.of(
                                "ALLOW_PRIVATE_TARGETS", "true",
                                "RATE_LIMIT_PER_MINUTE", "0",
                                "MIN_CHECK_INTERVAL", "2",
                                "SCHEDULER_TICK", "200ms"))
                .withProbeLocation(SECOND));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        target.stop(0);
    }

    @Test
    void aProbeBesideTheWorkerChecksFromTheSecondLocationThroughTheResultsQueue() throws Exception {
        String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/health";
        HttpResponse<String> created = send("POST", "/monitors", """
                {"name": "Two sites", "url": "%s", "check_interval": 2, "timeout": 1,
                 "locations": ["default", "%s"], "min_failing_locations": 2}""".formatted(url, SECOND));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();

        // Both locations' results arrive and are recorded, the probe's through the results queue (a loaded
        // machine takes its time).
        JsonNode secondSite = await().atMost(Duration.ofSeconds(90))
                .until(() -> get("/monitors/" + id + "/checks?location=" + SECOND), checks -> checks.size() >= 3);
        assertThat(secondSite.valueStream()).allSatisfy(check -> {
            assertThat(check.path("location").asString()).isEqualTo(SECOND);
            assertThat(check.path("success").asBoolean()).isFalse();
        });
        assertThat(get("/monitors/" + id + "/checks?location=" + Locations.DEFAULT)
                        .valueStream())
                .isNotEmpty()
                .allSatisfy(
                        check -> assertThat(check.path("success").asBoolean()).isTrue());
        assertThat(seenLocations).contains(Locations.DEFAULT, SECOND);
        // The second site's failures alone are not enough: UP, never DOWN.
        assertThat(get("/monitors/" + id).path("status").asString()).isEqualTo("UP");
        assertThat(get("/monitors/" + id + "/status-changes").valueStream())
                .noneSatisfy(change ->
                        assertThat(change.path("new_status").asString()).isEqualTo("DOWN"));
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + system.apiPort() + path));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body));
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
