package com.healthmonitor.worker.alert.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The alert meters an operator alarms on move with what the outbox does. */
@WorkerIntegrationTest
class AlertMetricsIntegrationTest {

    private static final StubServer SLACK = new StubServer();

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private AlertMetrics metrics;

    @Autowired
    private OutboxDispatcher dispatcher;

    @AfterAll
    static void stop() {
        SLACK.close();
    }

    @Test
    void countsDeliveriesByChannelAndResult() {
        SLACK.script("/metrics-ok", Reply.ok());
        SLACK.script("/metrics-gone", Reply.status(404));
        double sentBefore = deliveries("sent");
        double failedBefore = deliveries("failed");

        pendingAlert(910_001, SLACK.url("/metrics-ok"), "0 seconds", "now()");
        pendingAlert(910_002, SLACK.url("/metrics-gone"), "0 seconds", "now()");
        dispatcher.wake();

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("sent") > sentBefore);
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries("failed") > failedBefore);
    }

    @Test
    void reportsThePendingBacklogAndTheAgeOfItsOldestAlert() {
        // Not due for an hour, so nothing sends it while the gauges are read.
        pendingAlert(910_003, SLACK.url("/metrics-later"), "5 minutes", "now() + interval '1 hour'");

        metrics.refreshBacklog();

        assertThat(meters.get("health_monitor.alerts.pending").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("health_monitor.alerts.pending.oldest.age")
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(300);
        jdbc.sql("DELETE FROM deliveries WHERE monitor_id = 910003").update();
    }

    private double deliveries(String result) {
        var counter = meters.find("health_monitor.alerts.deliveries")
                .tags("channel", "slack", "result", result)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private void pendingAlert(long monitorId, String webhook, String age, String nextAttempt) {
        jdbc.sql("""
                        INSERT INTO deliveries (kind, monitor_id, channel_type, stream, target_url, payload, status,
                                                next_attempt_at, created_at)
                        VALUES ('STATUS_CHANGE', :monitor, 'slack', 'monitor-webhook', :webhook, '{"text": "metrics"}',
                                'PENDING', %s, now() - CAST(:age AS interval))""".formatted(nextAttempt))
                .param("monitor", monitorId)
                .param("webhook", webhook)
                .param("age", age)
                .update();
    }
}
