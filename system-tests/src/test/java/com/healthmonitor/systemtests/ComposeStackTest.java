package com.healthmonitor.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The stack as users run it: {@code docker compose up --build} of the repository's own docker-compose.yml, the four
 * images built from docker/Dockerfile, then everything through the published ports only. The tests share one stack
 * and run in order, as a user's afternoon would: keys, an outage alerted once, a worker crash, a restart of the stack.
 *
 * <p>Docker is required. Without it the class is skipped, unless {@code REQUIRE_DOCKER_TESTS=1} (CI), where it fails.
 * Third-party images come from the environment (JDK_IMAGE, POSTGRES_IMAGE…; see docker/offline-base-images.sh).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackTest {

    private static final File COMPOSE_FILE = new File(System.getProperty("compose.file", "../docker-compose.yml"));
    private static final String API = "http://127.0.0.1:8080";
    private static final String SLACK = "http://127.0.0.1:8090";
    private static final String API_KEY = "compose-test-key-0123456789abcdef";
    /** What the test sets on top of the compose file's own defaults, as a user would on the command line. */
    private static final Map<String, String> ENVIRONMENT = Map.of("API_KEYS", API_KEY, "MIN_CHECK_INTERVAL", "5");

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ComposeContainer stack;
    private static String project;
    private static long monitorId;

    @BeforeAll
    static void composeUp() {
        boolean docker = DockerClientFactory.instance().isDockerAvailable();
        if (!docker && !"1".equals(System.getenv("REQUIRE_DOCKER_TESTS"))) {
            Assumptions.abort("no usable Docker engine; set REQUIRE_DOCKER_TESTS=1 to make this a failure");
        }
        assertThat(docker).as("a usable Docker engine (REQUIRE_DOCKER_TESTS=1)").isTrue();
        stack = new ComposeContainer("hm-e2e-", COMPOSE_FILE)
                .withBuild(true)
                // Compose resolves the images itself (variables, local stand-ins); Testcontainers' own pre-pull
                // reads the file without interpolation.
                .withPull(false)
                .withEnv(ENVIRONMENT)
                .withRemoveVolumes(true)
                .withStartupTimeout(Duration.ofMinutes(15));
        for (String service : List.of("api", "scheduler", "worker")) {
            stack.waitingFor(service, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(15)));
        }
        stack.start();
        project = container("api").getContainerInfo().getConfig().getLabels().get("com.docker.compose.project");
    }

    @AfterAll
    static void composeDown() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    @Order(1)
    void theApiAnswersOnlyWithTheKeyItWasStartedWith() {
        assertThat(get(API + "/health", false).statusCode()).isEqualTo(200);
        assertThat(get(API + "/monitors", false).statusCode()).isEqualTo(401);
        assertThat(get(API + "/monitors", true).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aRefusedTargetAlertsTheWebhookExactlyOnce() {
        // ALLOW_PRIVATE_TARGETS=true in the compose file lets monitors point at other containers: port 9 of the
        // Slack stand-in refuses connections.
        HttpResponse<String> created = send(
                HttpRequest.newBuilder(URI.create(API + "/monitors"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "compose refused port", "url": "http://slack:9/", "check_interval": 5,
                         "timeout": 2, "expected_status_code": 200,
                         "webhook_url": "http://slack:8080/alerts", "enabled": true}""")),
                true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        monitorId = ((Number) JsonPath.read(created.body(), "$.id")).longValue();

        await().atMost(3, TimeUnit.MINUTES)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(downAlerts()).hasSize(1));
        assertThat(monitorStatus()).isEqualTo("DOWN");
    }

    @Test
    @Order(3)
    void aWorkerKilledMidFlightRestartsAndRepeatsNoAlert() throws Exception {
        ContainerState worker = container("worker");
        int restartsBefore = restartCount(worker.getContainerId());
        long checksBefore = checkCount();

        // SIGKILL from the host to the JVM (PID 1 of the container): a crash, not a stop, so the restart policy acts.
        long pid = worker.getContainerInfo().getState().getPidLong();
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(pid))
                .inheritIO()
                .start();
        assertThat(kill.waitFor())
                .as("kill -KILL %d (needs root, as CI runs)", pid)
                .isZero();

        await().atMost(3, TimeUnit.MINUTES)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> restartCount(worker.getContainerId()) > restartsBefore);
        // The restarted worker checks again (the monitor stays DOWN) and must not send the DOWN alert a second time.
        await().atMost(3, TimeUnit.MINUTES)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> checkCount() >= checksBefore + 3);
        assertThat(downAlerts()).hasSize(1);
        assertThat(monitorStatus()).isEqualTo("DOWN");
    }

    @Test
    @Order(4)
    void composeDownAndUpKeepsTheMonitors() {
        compose("down");
        assertThat(get(API + "/health", false)).isNull();
        compose("up", "--detach", "--wait", "--wait-timeout", "600");

        HttpResponse<String> monitor = get(API + "/monitors/" + monitorId, true);
        assertThat(monitor.statusCode()).as(monitor.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(monitor.body(), "$.name")).isEqualTo("compose refused port");
        assertThat((String) JsonPath.read(monitor.body(), "$.status")).isEqualTo("DOWN");
    }

    private static ContainerState container(String service) {
        return stack.getContainerByServiceName(service)
                .orElseThrow(() -> new AssertionError("no running container for compose service " + service));
    }

    private static List<String> downAlerts() {
        HttpResponse<String> received = get(SLACK + "/received", false);
        assertThat(received).as("the Slack stand-in answers").isNotNull();
        List<String> bodies = JsonPath.read(received.body(), "$[*].body");
        return bodies.stream()
                .filter(body -> body.contains("compose refused port") && body.contains("New: DOWN"))
                .toList();
    }

    private static String monitorStatus() {
        return JsonPath.read(get(API + "/monitors/" + monitorId, true).body(), "$.status");
    }

    private static long checkCount() {
        HttpResponse<String> checks = get(API + "/monitors/" + monitorId + "/checks?limit=100", true);
        assertThat(checks.statusCode()).as(checks.body()).isEqualTo(200);
        return ((List<?>) JsonPath.read(checks.body(), "$")).size();
    }

    private static int restartCount(String containerId) {
        return DockerClientFactory.instance()
                .client()
                .inspectContainerCmd(containerId)
                .exec()
                .getRestartCount();
    }

    /** Runs {@code docker compose} on the test's project with the test's environment, as a user would. */
    private static void compose(String... arguments) {
        List<String> command = new ArrayList<>(
                List.of("docker", "compose", "--project-name", project, "--file", COMPOSE_FILE.getAbsolutePath()));
        command.addAll(List.of(arguments));
        try {
            Path log = Files.createTempFile("compose", ".log");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(ENVIRONMENT);
            Process process = builder.start();
            boolean done = process.waitFor(15, TimeUnit.MINUTES);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(done && process.exitValue() == 0)
                    .as("%s\n%s", command, output)
                    .isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET, or null when nothing listens. */
    private static HttpResponse<String> get(String url, boolean withKey) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url)).GET(), withKey);
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, boolean withKey) {
        if (withKey) {
            request.header("X-API-Key", API_KEY);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
