package com.healthmonitor.api.monitor;

import com.healthmonitor.common.monitor.MonitorStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Our own data as metrics, so that a Prometheus or CloudWatch user can alert on it as with blackbox_exporter:
 * monitors by status, and per monitor whether it is up (1, 0 when DOWN, -1 while UNKNOWN) and its last latency.
 * Refreshed from the database every few seconds; a scrape never queries it.
 */
@Component
class MonitorMetrics {

    private final JdbcClient jdbc;
    private final MonitorMetricsProperties properties;
    private final Map<MonitorStatus, AtomicLong> byStatus = new EnumMap<>(MonitorStatus.class);
    private final MultiGauge up;
    private final MultiGauge latency;

    MonitorMetrics(JdbcClient jdbc, MonitorMetricsProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        for (MonitorStatus status : MonitorStatus.values()) {
            AtomicLong count = new AtomicLong();
            byStatus.put(status, count);
            Gauge.builder("health_monitor.monitors", count, AtomicLong::get)
                    .description("Enabled monitors by status")
                    .tag("status", status.name())
                    .register(meters);
        }
        up = MultiGauge.builder("health_monitor.monitor.up")
                .description("1 when the monitor is UP, 0 when DOWN, -1 while UNKNOWN")
                .register(meters);
        latency = MultiGauge.builder("health_monitor.monitor.latency")
                .description("Latency of the monitor's last check")
                .baseUnit("seconds")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${health-monitor.metrics.refresh:15s}")
    void refresh() {
        try {
            refreshCounts();
            if (properties.perMonitor() && properties.maxMonitors() > 0) {
                refreshPerMonitor();
            }
        } catch (RuntimeException e) {
            // The gauges keep their last values until the database answers again.
        }
    }

    private void refreshCounts() {
        Map<MonitorStatus, Long> counts = new EnumMap<>(MonitorStatus.class);
        // Counted by a trigger (V20): a scan of every monitor on each refresh would grow with the fleet.
        jdbc.sql("SELECT unknown, up, down FROM fleet_status_counts WHERE enabled")
                .query(rs -> {
                    counts.put(MonitorStatus.UNKNOWN, rs.getLong("unknown"));
                    counts.put(MonitorStatus.UP, rs.getLong("up"));
                    counts.put(MonitorStatus.DOWN, rs.getLong("down"));
                });
        byStatus.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
    }

    private void refreshPerMonitor() {
        List<MultiGauge.Row<?>> upRows = new ArrayList<>();
        List<MultiGauge.Row<?>> latencyRows = new ArrayList<>();
        jdbc.sql("SELECT id, name, status, last_latency_ms FROM monitors WHERE enabled ORDER BY id LIMIT :max")
                .param("max", properties.maxMonitors())
                .query(rs -> {
                    Tags tags = Tags.of("monitor_id", Long.toString(rs.getLong("id")), "name", rs.getString("name"));
                    upRows.add(MultiGauge.Row.of(tags, upValue(MonitorStatus.valueOf(rs.getString("status")))));
                    int latencyMs = rs.getInt("last_latency_ms");
                    if (!rs.wasNull()) {
                        latencyRows.add(MultiGauge.Row.of(tags, latencyMs / 1000.0));
                    }
                });
        up.register(upRows, true);
        latency.register(latencyRows, true);
    }

    static int upValue(MonitorStatus status) {
        return switch (status) {
            case UP -> 1;
            case DOWN -> 0;
            case UNKNOWN, MAINTENANCE -> -1;
        };
    }
}
