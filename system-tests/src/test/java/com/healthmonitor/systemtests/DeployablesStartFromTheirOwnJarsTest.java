package com.healthmonitor.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestDatabase;
import com.healthmonitor.testing.TestQueues;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four deployables as they ship: each repackaged jar started as its own process ({@code java -jar}, as the
 * containers and ECS tasks run them), configured only through the environment variables of docker-compose.yml, against
 * one real PostgreSQL and one real SQS-protocol server. Module tests start a service from its classes on the
 * module's test classpath, which hides a dependency missing from the jar; this starts what is deployed.
 */
class DeployablesStartFromTheirOwnJarsTest {

    // Generous: four JVMs start on a shared two-core machine.
    private static final Duration MIGRATION_WAIT = Duration.ofSeconds(180);
    private static final Duration READY_WAIT = Duration.ofSeconds(120);
    private static final Duration CHECK_WAIT = Duration.ofSeconds(90);
    private static final String API_KEY = "system-test-key-0123456789abcdef0123";
    private static final String TARGET_PATH = "/orders/health";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Path logs = Path.of(System.getProperty("system-tests.logs", "target/system-tests"));
    private final List<JarProcess> started = new ArrayList<>();
    private final StubServer target = new StubServer().script(TARGET_PATH, Reply.ok());

    @AfterEach
    void stopEverything() {
        // All at once: each takes seconds to stop gracefully (the worker finishes its SQS long poll).
        started.forEach(JarProcess::requestStop);
        started.forEach(JarProcess::close);
        target.close();
    }

    @Test
    void theMigratedServicesStartFromTheirJarsAndCheckAMonitorCreatedThroughTheApi() throws Exception {
        String jdbcUrl = TestDatabase.newEmptyDatabase();
        Map<String, String> environment = environment(jdbcUrl, TestQueues.newQueue("system-test-checks"));

        JarProcess migrations = start("db-migrations", environment);
        OptionalInt exitCode = migrations.awaitExit(MIGRATION_WAIT);
        assertThat(exitCode)
                .as(() -> "db-migrations exit code\n" + migrations.tail())
                .hasValue(0);
        assertThat(tables(jdbcUrl))
                .as(() -> "tables after db-migrations\n" + migrations.tail())
                .contains("flyway_schema_history", "monitors", "check_results");

        // Started together, as compose and ECS start them once the migration has completed.
        Service api = startService("api-service", environment, Map.of("API_KEYS", API_KEY));
        Service scheduler = startService("scheduler-service", environment, Map.of());
        Service worker = startService("worker-service", environment, Map.of());
        for (Service service : List.of(api, scheduler, worker)) {
            awaitOrFail(service.process().name() + " ready", READY_WAIT, () -> {
                assertThat(service.process().isAlive())
                        .as(() -> service.process().name() + " died before it was ready\n"
                                + service.process().tail())
                        .isTrue();
                return status(service.url("/actuator/health/readiness")) == 200;
            });
        }

        HttpResponse<String> created = send(
                api,
                "POST",
                "/monitors",
                json.writeValueAsString(Map.of(
                        "name", "Orders API", "url", target.url(TARGET_PATH), "check_interval", 2, "timeout", 1)));
        assertThat(created.statusCode()).as(created::body).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();

        // The scheduler dispatched it through SQS, the worker checked it...
        awaitOrFail("the worker's check of the target", CHECK_WAIT, () -> !target.requests(TARGET_PATH)
                .isEmpty());
        // ...and recorded the result, which the API reads (one success is UP: SUCCESS_THRESHOLD=1).
        awaitOrFail("the monitor UP through the API", CHECK_WAIT, () -> {
            JsonNode monitor =
                    json.readTree(send(api, "GET", "/monitors/" + id, null).body());
            return monitor.path("status").asString().equals("UP")
                    && monitor.path("last_status_code").asInt() == 200;
        });
        HttpResponse<String> checks = send(api, "GET", "/monitors/" + id + "/checks", null);
        assertThat(checks.statusCode()).as(checks::body).isEqualTo(200);
        assertThat(checks.body()).contains("\"status_code\":200");
    }

    /** The variables of docker-compose.yml's x-app-env, pointing at this test's database and queue. */
    private static Map<String, String> environment(String jdbcUrl, String queueUrl) {
        // The compose form, postgresql://host:port/db, with the credentials beside it as ECS injects them.
        URI database = URI.create(jdbcUrl.substring("jdbc:".length()));
        Map<String, String> environment = new HashMap<>();
        environment.put(
                "DATABASE_URL", "postgresql://" + database.getHost() + ":" + database.getPort() + database.getPath());
        environment.put("DATABASE_USERNAME", TestDatabase.USERNAME);
        environment.put("DATABASE_PASSWORD", TestDatabase.PASSWORD);
        environment.put("SQS_QUEUE_URL", queueUrl);
        environment.put("AWS_REGION", TestQueues.REGION);
        environment.put("AWS_ENDPOINT_URL", TestQueues.server().endpoint());
        environment.put("AWS_ACCESS_KEY_ID", TestQueues.ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", TestQueues.SECRET_KEY);
        environment.put("FAIL_THRESHOLD", "2");
        environment.put("SUCCESS_THRESHOLD", "1");
        // The shortest interval the API allows, so the first check comes within seconds.
        environment.put("MIN_CHECK_INTERVAL", "2");
        // The target is a stub on 127.0.0.1.
        environment.put("ALLOW_PRIVATE_TARGETS", "true");
        return Map.copyOf(environment);
    }

    private JarProcess start(String module, Map<String, String> environment) {
        Path jar = Path.of(
                System.getProperty("system-tests.jar." + module, "../" + module + "/target/" + module + ".jar"));
        JarProcess process = JarProcess.start(module, jar.toAbsolutePath().normalize(), logs, environment);
        started.add(process);
        return process;
    }

    private Service startService(String module, Map<String, String> environment, Map<String, String> own) {
        int port = JarProcess.freePort();
        Map<String, String> all = new HashMap<>(environment);
        all.putAll(own);
        all.put("SERVER_PORT", Integer.toString(port));
        return new Service(start(module, all), port);
    }

    /**
     * Waits until {@code condition} holds; on timeout fails with the console output of every started process, where
     * the reason is.
     */
    private void awaitOrFail(String what, Duration atMost, Callable<Boolean> condition) {
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(500)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    what + ": not within " + atMost + "\n"
                            + started.stream().map(JarProcess::tail).collect(Collectors.joining("\n")),
                    e);
        }
    }

    private int status(String url) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(Service api, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url(path)))
                .timeout(Duration.ofSeconds(10))
                .header("X-API-Key", API_KEY)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(
                request.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                        .build(),
                BodyHandlers.ofString());
    }

    private static List<String> tables(String jdbcUrl) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection =
                        DriverManager.getConnection(jdbcUrl, TestDatabase.USERNAME, TestDatabase.PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private record Service(JarProcess process, int port) {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }
}
