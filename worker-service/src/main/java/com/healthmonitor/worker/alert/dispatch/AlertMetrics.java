package com.healthmonitor.worker.alert.dispatch;

import static com.healthmonitor.common.database.Timestamps.instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Alert deliveries by channel type and result ({@code sent}, {@code retry}, {@code failed} = given up), and the outbox's
 * backlog: how many alerts are pending and how long the oldest has waited, which is what an operator alarms on.
 */
@Component
class AlertMetrics {

    private final MeterRegistry meters;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();

    AlertMetrics(MeterRegistry meters, JdbcClient jdbc, Clock clock) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("health_monitor.alerts.pending", pending, AtomicLong::get)
                .description("Alerts waiting to be delivered, as of the last refresh")
                .register(meters);
        Gauge.builder("health_monitor.alerts.pending.oldest.age", oldestPendingSeconds, AtomicLong::get)
                .description("Age of the oldest alert waiting to be delivered")
                .baseUnit("seconds")
                .register(meters);
    }

    void sent(String channel) {
        delivery(channel, "sent").increment();
    }

    void retrying(String channel) {
        delivery(channel, "retry").increment();
    }

    void gaveUp(String channel) {
        delivery(channel, "failed").increment();
    }

    private Counter delivery(String channel, String result) {
        return Counter.builder("health_monitor.alerts.deliveries")
                .description("Alert delivery rounds by channel and result")
                .tag("channel", channel)
                .tag("result", result)
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${health-monitor.alert.metrics-refresh:10s}")
    void refreshBacklog() {
        try {
            jdbc.sql("SELECT count(*) AS pending, min(created_at) AS oldest FROM deliveries WHERE status = 'PENDING'")
                    .query(rs -> {
                        rs.next();
                        pending.set(rs.getLong("pending"));
                        Instant oldest = instant(rs, "oldest");
                        oldestPendingSeconds.set(
                                oldest == null
                                        ? 0
                                        : Math.max(
                                                0,
                                                Duration.between(oldest, Instant.now(clock))
                                                        .toSeconds()));
                        return null;
                    });
        } catch (RuntimeException e) {
            // The gauges keep their last values; the dispatcher reports the database outage.
        }
    }
}
