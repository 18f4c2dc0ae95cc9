package com.healthmonitor.api.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.healthmonitor.common.monitor.MonitorStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A monitor in API responses: its configuration (webhook URL masked), what the worker last saw, and its uptime in
 * percent over the last 24 h and 30 d from the rollups (null without checks).
 */
record MonitorResponse(
        long id,
        String name,
        String url,
        int checkInterval,
        int timeout,
        int expectedStatusCode,
        String webhookUrl,
        boolean enabled,
        MonitorStatus status,
        int consecutiveFailures,
        int consecutiveSuccesses,
        Instant lastCheckedAt,
        Integer lastStatusCode,
        Integer lastLatencyMs,
        String lastError,
        Instant lastStatusChangeAt,
        Instant nextCheckAt,
        Instant createdAt,
        Instant updatedAt,
        @JsonProperty("uptime_24h") BigDecimal uptime24h,
        @JsonProperty("uptime_30d") BigDecimal uptime30d) {}
