package com.healthmonitor.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.check.CheckResultMessage;
import com.healthmonitor.common.check.CheckResultMessageCodec;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.WorkerApplication;
import com.healthmonitor.worker.check.CheckCounters;
import com.healthmonitor.worker.state.ResultRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The worker started as its main starts it with {@code WORKER_MODE=probe}, given no database settings at all: it
 * checks, and each check message's results arrive on the results queue.
 */
class ProbeModeIntegrationTest {

    private static final StubServer HTTP = new StubServer();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final CheckRequestCodec checks = new CheckRequestCodec();
    private final CheckResultMessageCodec results = new CheckResultMessageCodec();

    @AfterAll
    static void stop() {
        HTTP.close();
    }

    @Test
    void aProbeWithoutDatabaseSettingsSendsEachResultToTheResultsQueueAndThenDeletesTheCheck() throws Exception {
        HTTP.script("/probe-up", Reply.ok());
        HTTP.script("/probe-down", Reply.status(503));
        String checkQueue = TestQueues.newQueue("probe-checks");
        String resultsQueue = TestQueues.newQueue("probe-results");
        Instant slot = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        try (ConfigurableApplicationContext probe = Probes.start(checkQueue, resultsQueue, "eu-west-1")) {
            assertThat(probe.getBeanNamesForType(DataSource.class)).isEmpty();
            assertThat(probe.getBeanNamesForType(Flyway.class)).isEmpty();
            assertThat(probe.getBeanNamesForType(JdbcClient.class)).isEmpty();
            assertThat(probe.getBeanNamesForType(ResultRecorder.class)).isEmpty();
            assertThat(readiness(probe)).isEqualTo(200);
            TestQueues.server().client().sendMessage(b -> b.queueUrl(checkQueue)
                    .messageBody(checks.writeBatch(List.of(
                            CheckRequest.of(11, slot, 3, HTTP.url("/probe-up"), 5, 200),
                            CheckRequest.of(12, slot, 4, HTTP.url("/probe-down"), 5, 200)))));

            List<CheckResultMessage> received = awaitResults(resultsQueue, 2);

            assertThat(received).hasSize(2);
            CheckResultMessage up = received.get(0);
            CheckResultMessage down = received.get(1);
            assertThat(up.monitorId()).isEqualTo(11);
            assertThat(up.slot()).isEqualTo(slot);
            assertThat(up.configVersion()).isEqualTo(3);
            assertThat(up.location()).isEqualTo("eu-west-1");
            assertThat(up.success()).isTrue();
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.responded()).isTrue();
            assertThat(up.tlsExpiryDays()).isEqualTo(14);
            assertThat(down.monitorId()).isEqualTo(12);
            assertThat(down.configVersion()).isEqualTo(4);
            assertThat(down.success()).isFalse();
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.error()).contains("503");
            assertThat(HTTP.requests("/probe-up")).hasSize(1);
            await().atMost(WAIT).until(() -> TestQueues.server().approximateMessages(checkQueue) == 0);
        }
    }

    @Test
    void aCheckWhoseResultsCouldNotBeSentStaysOnTheCheckQueue() {
        HTTP.script("/probe-unsent", Reply.ok());
        String checkQueue = TestQueues.newQueue("probe-checks");
        String missingResultsQueue = TestQueues.server().endpoint() + "/000000000000/no-such-results-queue";

        try (ConfigurableApplicationContext probe = Probes.start(checkQueue, missingResultsQueue, "us-east-1")) {
            CheckCounters counters = probe.getBean(CheckCounters.class);
            TestQueues.server().client().sendMessage(b -> b.queueUrl(checkQueue)
                    .messageBody(checks.writeBatch(List.of(CheckRequest.of(
                            21,
                            Instant.now().truncatedTo(ChronoUnit.SECONDS),
                            1,
                            HTTP.url("/probe-unsent"),
                            5,
                            200)))));

            await().atMost(WAIT).until(() -> counters.failures() >= 1);

            assertThat(HTTP.requests("/probe-unsent")).isNotEmpty();
            // Not deleted: in flight until its visibility timeout ends, then received again.
            assertThat(TestQueues.server().approximateMessages(checkQueue)).isEqualTo(1);
        }
    }

    @Test
    void anUnknownModeIsRefusedByName() {
        assertThatThrownBy(() -> WorkerApplication.builder("remote"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WORKER_MODE");
    }

    private List<CheckResultMessage> awaitResults(String queueUrl, int count) {
        List<CheckResultMessage> received = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            for (Message message : TestQueues.server()
                    .client()
                    .receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10))
                    .messages()) {
                received.addAll(results.readAll(message.body()));
            }
            return received.size() >= count;
        });
        return received;
    }

    private static int readiness(ConfigurableApplicationContext probe) throws Exception {
        int port = ((WebServerApplicationContext) probe).getWebServer().getPort();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }
}
