package com.healthmonitor.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's one command for a local run, {@code standalone/health-monitor}, started twice on one data directory
 * as a user does: the first start answers, keeps what was created and records the JVM's ahead-of-time cache when it
 * stops; the second start runs with that cache ({@code -XX:AOTMode=on} makes the JVM refuse to start without it).
 */
class StandaloneLauncherTest {

    private static final Path LAUNCHER =
            Path.of(System.getProperty("system-tests.launcher", "../standalone/health-monitor"));
    // Generous: the first start also records the cache, on a shared two-core machine.
    private static final Duration START_WAIT = Duration.ofSeconds(240);

    private static final JsonMapper JSON = new JsonMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path logs = Path.of(System.getProperty("system-tests.logs", "target/system-tests"));

    @TempDir
    Path data;

    @Test
    void theSecondStartLoadsTheCacheTheFirstRecordedAndKeepsTheData() throws Exception {
        int port = JarProcess.freePort();
        // A collector in JAVA_OPTS replaces the launcher's G1 (two would stop the JVM), the same in both starts so the
        // cache recorded by the first fits the second.
        try (JarProcess first = start("standalone-first", port, "-XX:+UseSerialGC", "text")) {
            awaitHealthy(first, port);
            HttpResponse<String> created = send(
                    port,
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/monitors"))
                            .header("Content-Type", "application/json")
                            .POST(BodyPublishers.ofString("{\"name\": \"Kept\", \"url\": \"https://example.com\"}")));
            assertThat(created.statusCode()).as(first::tail).isEqualTo(201);
            first.requestStop();
            assertThat(first.awaitExit(Duration.ofSeconds(120))).as(first::tail).isPresent();
        }
        assertThat(caches()).as("AOT cache in %s", data).hasSize(1);

        try (JarProcess second = start("standalone-second", port, "-XX:AOTMode=on -XX:+UseSerialGC", "json")) {
            awaitHealthy(second, port);
            HttpResponse<String> monitors =
                    send(port, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/monitors")));
            assertThat(monitors.body()).as(second::tail).contains("\"Kept\"");
            // Three services share one Logback: each JSON line still names its own.
            List<JsonNode> lines = second.lines().stream()
                    .filter(line -> line.startsWith("{"))
                    .map(JSON::readTree)
                    .toList();
            assertThat(lines)
                    .as(second::tail)
                    .filteredOn(line -> line.at("/log/logger").asString().startsWith("com.healthmonitor.api."))
                    .isNotEmpty()
                    .allSatisfy(line ->
                            assertThat(line.get("service.name").asString()).isEqualTo("api-service"));
            assertThat(lines)
                    .filteredOn(line -> line.at("/log/logger").asString().startsWith("com.healthmonitor.standalone."))
                    .isNotEmpty()
                    .allSatisfy(line ->
                            assertThat(line.get("service.name").asString()).isEqualTo("standalone"));
        }
    }

    private JarProcess start(String name, int port, String javaOptions, String logFormat) {
        assertThat(LAUNCHER).as("the launcher").isExecutable();
        Path javaHome = JarProcess.java().getParent().getParent();
        return JarProcess.start(
                name,
                List.of(LAUNCHER.toAbsolutePath().toString()),
                logs,
                Map.of(
                        "PATH",
                        "/usr/local/bin:/usr/bin:/bin",
                        "JAVA_HOME",
                        javaHome.toString(),
                        "JAVA_OPTS",
                        javaOptions,
                        "LOG_FORMAT",
                        logFormat,
                        "HEALTH_MONITOR_DATA_DIR",
                        data.toString(),
                        "SERVER_PORT",
                        Integer.toString(port)));
    }

    private void awaitHealthy(JarProcess process, int port) {
        await().atMost(START_WAIT)
                .pollInterval(Duration.ofMillis(250))
                .failFast(() -> !process.isAlive())
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(
                                send(port, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")))
                                        .statusCode())
                        .as(process::tail)
                        .isEqualTo(200));
    }

    private HttpResponse<String> send(int port, HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }

    private List<Path> caches() throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".aot"))
                    .toList();
        }
    }
}
