package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A transition moves the worker's meters: outcome, check duration by result, receive-to-commit latency. */
@WorkerIntegrationTest
class CheckMetricsIntegrationTest {

    private static final StubServer HTTP = new StubServer();

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MeterRegistry meters;

    @Value("${health-monitor.sqs.queue-url}")
    private String queueUrl;

    @AfterAll
    static void stop() {
        HTTP.close();
    }

    @Test
    void aTransitionIsCountedAndTimed() {
        HTTP.script("/metrics-down", Reply.status(503));
        long id = new Monitors(jdbc).insert("metrics", HTTP.url("/metrics-down"), null, "UP", 1, 0);
        double transitionsBefore = count("health_monitor.checks", "outcome", "transitioned");
        long failedChecksBefore = timerCount("health_monitor.check.duration", "result", "failure");
        long commitsBefore =
                meters.get("health_monitor.worker.receive_to_commit").timer().count();

        Instant slot = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestQueues.server().client().sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(new CheckRequestCodec()
                        .write(CheckRequest.of(id, slot, 1, HTTP.url("/metrics-down"), 5, 200))));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("health_monitor.checks", "outcome", "transitioned") > transitionsBefore);
        assertThat(timerCount("health_monitor.check.duration", "result", "failure"))
                .isGreaterThan(failedChecksBefore);
        assertThat(meters.get("health_monitor.worker.receive_to_commit").timer().count())
                .isGreaterThan(commitsBefore);
        assertThat(meters.get("health_monitor.worker.in_flight").gauge().value())
                .isGreaterThanOrEqualTo(0);
    }

    private double count(String name, String tag, String value) {
        return meters.get(name).tag(tag, value).functionCounter().count();
    }

    private long timerCount(String name, String tag, String value) {
        var timer = meters.find(name).tag(tag, value).timer();
        return timer == null ? 0 : timer.count();
    }
}
