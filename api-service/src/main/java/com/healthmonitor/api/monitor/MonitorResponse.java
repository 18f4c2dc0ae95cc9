package com.healthmonitor.api.monitor;

import com.healthmonitor.common.monitor.MonitorStatus;
import java.time.Instant;
import java.util.List;

/**
 * A monitor in API responses: its configuration (webhook URL masked), where its alerts go, and what the worker last
 * saw; {@code status} is MAINTENANCE while a maintenance window covers it.
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
        List<Long> channelIds,
        int remindEvery) {}
