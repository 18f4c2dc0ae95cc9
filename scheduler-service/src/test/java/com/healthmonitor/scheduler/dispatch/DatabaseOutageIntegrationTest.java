package com.healthmonitor.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.OutageTestDatabaseInitializer;
import com.healthmonitor.testing.TestDatabase;
import com.healthmonitor.testing.TestQueueInitializer;
import com.healthmonitor.testing.TestQueues;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The scheduler starts while its database is unreachable (an RDS failover), stays alive and reports not-ready,
 * and dispatches by itself once the database is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {OutageTestDatabaseInitializer.class, TestQueueInitializer.class})
class DatabaseOutageIntegrationTest {

    @LocalServerPort
    private int port;

    @Value("${health-monitor.sqs.queue-url}")
    private String queueUrl;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void staysAliveWhileTheDatabaseIsDownAndDispatchesWhenItReturns() throws Exception {
        JdbcClient direct = JdbcClient.create(DataSourceBuilder.create()
                .url(OutageTestDatabaseInitializer.directUrl())
                .username(TestDatabase.USERNAME)
                .password(TestDatabase.PASSWORD)
                .build());
        long id = direct.sql("INSERT INTO monitors (name, url, check_interval, timeout)"
                        + " VALUES ('during outage', 'https://example.com', 30, 5) RETURNING id")
                .query(Long.class)
                .single();

        assertThat(status("/actuator/health/liveness")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> status("/actuator/health/readiness") == 503);
        assertThat(TestQueues.server().approximateMessages(queueUrl)).isZero();

        OutageTestDatabaseInitializer.proxy().up();

        await().atMost(Duration.ofSeconds(30)).until(() -> status("/actuator/health/readiness") == 200);
        assertThat(TestQueues.awaitCheck(queueUrl, Duration.ofSeconds(30)).monitorId())
                .isEqualTo(id);
    }

    private int status(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
