package com.healthmonitor.api.monitor;

import com.healthmonitor.common.monitor.MonitorStatus;
import java.time.Instant;

/** A monitor in API responses: its configuration (webhook URL masked) and what the worker last saw. */
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
        Instant updatedAt) {}
