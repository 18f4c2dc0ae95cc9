package com.healthmonitor.api.monitor;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The per-monitor Prometheus/CloudWatch series.
 *
 * @param perMonitor whether {@code health_monitor_monitor_up} and {@code health_monitor_monitor_latency_seconds}
 *     are published per monitor ({@code METRICS_PER_MONITOR})
 * @param maxMonitors the most monitors that get series of their own, lowest ids first, which bounds the label
 *     cardinality ({@code METRICS_PER_MONITOR_MAX}); the counts by status always cover the whole fleet
 */
@ConfigurationProperties("health-monitor.metrics")
record MonitorMetricsProperties(boolean perMonitor, int maxMonitors) {

    MonitorMetricsProperties {
        if (maxMonitors < 0) {
            throw new IllegalArgumentException("METRICS_PER_MONITOR_MAX cannot be negative");
        }
    }
}
