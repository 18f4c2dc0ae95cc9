package com.healthmonitor.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standalone as a user runs it, in a JVM of its own (the test's classpath), killed the hard way and started
 * again on the same data directory.
 */
class CrashRecoveryTest {

    // Three Spring contexts and PostgreSQL in a fresh JVM: generous, for a loaded build machine.
    private static final Duration START_WAIT = Duration.ofMinutes(6);

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Process> children = new ArrayList<>();

    @TempDir
    Path data;

    @AfterEach
    void stopEverything() {
        children.forEach(Process::destroyForcibly);
        LeftoverPostmaster.stopIfRunning(data.resolve("postgres"));
    }

    /**
     * One data directory through both kinds of death, in the order a user might meet them (three starts of the
     * whole system rather than four: each takes a while).
     */
    @Test
    void restartsWithAllConfirmedWritesAfterTheJvmAloneAndThenEveryProcessWasKilled() throws Exception {
        Path postgresData = data.resolve("postgres");
        Standalone first = start("first");
        assertDurableSettings();
        List<Long> ids = new ArrayList<>(createMonitors(first, 3));

        // 1. kill -9 of the JVM alone. PostgreSQL lives on in its own session: what used to make every later
        // start fail with "Gave up waiting for server to start".
        first.process.destroyForcibly().waitFor();
        assertThat(LeftoverPostmaster.find(postgresData)).isPresent();

        Standalone second = start("second");
        assertThat(listedIds(second)).containsAll(ids);
        assertThat(Files.readString(second.log)).contains("PostgreSQL from an earlier run");

        // 2. Right after the last confirmed write: SIGKILL to the JVM and the whole PostgreSQL process tree at
        // once, no shutdown of any kind (a power cut, short of the kernel losing its page cache).
        ids.addAll(createMonitors(second, 20));
        ProcessHandle postmaster = LeftoverPostmaster.find(postgresData).orElseThrow();
        List<ProcessHandle> database = new ArrayList<>(postmaster.descendants().toList());
        database.add(postmaster);
        second.process.destroyForcibly();
        database.forEach(ProcessHandle::destroyForcibly);
        second.process.waitFor();
        database.forEach(process -> process.onExit().join());

        Standalone third = start("third");
        assertThat(listedIds(third)).containsAll(ids);

        // 3. A normal stop leaves nothing running.
        third.process.destroy();
        third.process.waitFor();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> LeftoverPostmaster.find(postgresData).isEmpty());
    }

    /** PostgreSQL's shipped durability, not the embedding library's test defaults. */
    private void assertDurableSettings() throws SQLException, IOException {
        List<String> pidFile = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
        String url = "jdbc:postgresql://localhost:" + pidFile.get(3).trim() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres")) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rs = connection.createStatement().executeQuery("SHOW " + setting)) {
                    rs.next();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    private Standalone start(String name) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = data.resolveSibling(data.getFileName() + "-" + name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), StandaloneApplication.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment()
                .putAll(Map.of(
                        "HEALTH_MONITOR_DATA_DIR", data.toString(),
                        "SERVER_PORT", Integer.toString(port),
                        "RATE_LIMIT_PER_MINUTE", "0"));
        Process process = builder.start();
        children.add(process);
        Standalone standalone = new Standalone(process, port, log);
        await().atMost(START_WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive())
                    .as("%s exited:%n%s", name, Files.readString(log))
                    .isTrue();
            return ready(standalone);
        });
        return standalone;
    }

    private boolean ready(Standalone standalone) {
        try {
            return send(standalone, "GET", "/monitors", null).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<Long> createMonitors(Standalone standalone, int count) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = send(standalone, "POST", "/monitors", """
                    {"name": "survivor %d", "url": "https://example.com/%d", "check_interval": 300}""".formatted(i, i));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            ids.add(json.readTree(response.body()).get("id").asLong());
        }
        return ids;
    }

    private List<Long> listedIds(Standalone standalone) throws Exception {
        JsonNode list = json.readTree(send(standalone, "GET", "/monitors", null).body());
        return list.valueStream().map(node -> node.get("id").asLong()).toList();
    }

    private HttpResponse<String> send(Standalone standalone, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + standalone.port + path))
                .timeout(Duration.ofSeconds(10));
        if (body == null) {
            request.method(method, BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body));
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private record Standalone(Process process, int port, Path log) {}
}
