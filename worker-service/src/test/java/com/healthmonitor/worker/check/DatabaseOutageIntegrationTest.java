package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.testing.OutageTestDatabaseInitializer;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestDatabase;
import com.healthmonitor.testing.TestQueueInitializer;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.testing.Monitors;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The worker starts while its database is unreachable, reports not-ready but stays alive, leaves messages on the
 * queue, and carries on by itself when the database comes back.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "health-monitor.allow-private-targets=true",
            "health-monitor.worker.poll-timeout=1s",
            "spring.flyway.enabled=false",
            "health-monitor.retention.initial-delay=1h"
        })
@ContextConfiguration(initializers = {OutageTestDatabaseInitializer.class, TestQueueInitializer.class})
class DatabaseOutageIntegrationTest {

    private static final StubServer HTTP = new StubServer();

    @LocalServerPort
    private int port;

    @Value("${health-monitor.sqs.queue-url}")
    private String queueUrl;

    @Autowired
    private CheckCounters counters;

    private final HttpClient client = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        HTTP.close();
    }

    @Test
    void staysAliveAndNotReadyWhileTheDatabaseIsDownAndResumesWhenItReturns() throws Exception {
        JdbcClient direct = JdbcClient.create(directDataSource());
        HTTP.script("/outage-target", Reply.ok());
        long id = new Monitors(direct).insert("outage", HTTP.url("/outage-target"), null);
        TestQueues.server().client().setQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2")));

        assertThat(status("/actuator/health/liveness")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> status("/actuator/health/readiness") == 503);

        TestQueues.server().client().sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(new CheckRequestCodec()
                        .write(CheckRequest.of(
                                id,
                                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                                1,
                                HTTP.url("/outage-target"),
                                5,
                                200))));
        await().atMost(Duration.ofSeconds(20)).until(() -> counters.failures() >= 1);
        assertThat(TestQueues.server().approximateMessages(queueUrl)).isEqualTo(1);
        // No point checking a target whose result cannot be recorded.
        assertThat(HTTP.requests("/outage-target")).isEmpty();

        OutageTestDatabaseInitializer.proxy().up();

        await().atMost(Duration.ofSeconds(30)).until(() -> status("/actuator/health/readiness") == 200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> direct.sql("SELECT count(*) FROM check_results WHERE monitor_id = " + id)
                                .query(Long.class)
                                .single()
                        == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestQueues.server().approximateMessages(queueUrl) == 0);
    }

    private int status(String path) throws Exception {
        return client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static DataSource directDataSource() {
        return DataSourceBuilder.create()
                .url(OutageTestDatabaseInitializer.directUrl())
                .username(TestDatabase.USERNAME)
                .password(TestDatabase.PASSWORD)
                .build();
    }
}
