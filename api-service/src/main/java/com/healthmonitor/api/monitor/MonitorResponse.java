package com.healthmonitor.api.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.healthmonitor.common.check.CheckAssertion;
import com.healthmonitor.common.check.MonitorType;
import com.healthmonitor.common.monitor.MonitorStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A monitor in API responses: its configuration (webhook URL and header values masked), where its alerts go, what the
 * worker last saw ({@code status} is MAINTENANCE while a maintenance window covers it), and its uptime in percent
 * over the last 24 h and 30 d from the rollups (null without checks). {@code expected_status_codes} always lists what
 * counts as success; {@code expected_status_code} repeats it when it is a single code and is null for a set. The fields
 * of one type (tcp's {@code host}, {@code port}, {@code tls}; dns's {@code hostname}, ...) are left out for the others;
 * {@code target} shows what is checked in one line (the URL, {@code tcp://host:port}, {@code dns:name?type=A}).
 * A heartbeat's {@code ping_url} is shown only in the responses that issue its token (creation, a change to the
 * heartbeat type, {@code rotate-ping-token}): only its hash is stored. {@code key} names it in configuration
 * documents ({@code /config}): chosen there, or made from the name. {@code failing_locations} are the locations
 * that failed its last decided slot; {@code degraded} says they were fewer than {@code min_failing_locations}, so the
 * slot did not count as failed. {@code depends_on} lists the monitors whose DOWN holds its alerts back.
 */
record MonitorResponse(
        long id,
        String key,
        MonitorType type,
        String name,
        String url,
        int checkInterval,
        int timeout,
        Integer expectedStatusCode,
        List<String> expectedStatusCodes,
        String method,
        Map<String, String> headers,
        String body,
        String contentType,
        List<CheckAssertion> assertions,
        Boolean followRedirects,
        int tlsExpiryDays,
        Integer failThreshold,
        Integer successThreshold,
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
        @JsonProperty("uptime_30d") BigDecimal uptime30d,
        List<Long> channelIds,
        int remindEvery,
        List<String> tags,
        @JsonInclude(JsonInclude.Include.NON_NULL) String host,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer port,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean tls,
        @JsonInclude(JsonInclude.Include.NON_NULL) String hostname,
        @JsonInclude(JsonInclude.Include.NON_NULL) String recordType,
        @JsonInclude(JsonInclude.Include.NON_NULL) String resolver,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> expectedValues,
        String target,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer period,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer grace,
        @JsonInclude(JsonInclude.Include.NON_NULL) String pingUrl,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastPingAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant pingDeadline,
        List<String> locations,
        int minFailingLocations,
        boolean degraded,
        List<String> failingLocations,
        List<Long> dependsOn) {}
