package com.healthmonitor.api.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** The JSON shapes of the history endpoints (snake_case by the API's naming strategy). */
final class HistoryResponses {

    private HistoryResponses() {}

    record CheckEntry(
            Instant checkedAt, boolean success, Integer statusCode, int latencyMs, String error, String location) {}

    record StatusChangeEntry(
            long id, Instant changedAt, String oldStatus, String newStatus, String reason, Alert alert) {}

    /**
     * Whether the alert of a status change went out: PENDING, SENT, FAILED, NONE (no destination), SUPPRESSED
     * (maintenance, or held back behind {@code suppressed_by}, a dependency that was DOWN), or HELD (waiting a moment
     * for a dependency or its dependants to go DOWN too).
     */
    record Alert(
            String delivery,
            int attempts,
            Instant sentAt,
            String lastError,
            @JsonInclude(JsonInclude.Include.NON_NULL) SuppressedBy suppressedBy) {}

    /** The dependency whose DOWN held an alert back; its name is null once it is deleted. */
    record SuppressedBy(long id, String name) {}

    record Latency(BigDecimal avg, Integer min, Integer max, BigDecimal p50, BigDecimal p95, BigDecimal p99) {}

    record Stats(
            Instant from,
            Instant to,
            long checks,
            long failures,
            BigDecimal uptimePercent,
            long downtimeSeconds,
            long incidents,
            @JsonProperty("latency_ms") Latency latencyMs,
            @JsonProperty("latency_ms_by_location") Map<String, Latency> latencyMsByLocation) {}

    record FleetStats(
            Instant from,
            Instant to,
            long monitors,
            @JsonProperty("by_status") Map<String, Long> byStatus,
            long checks,
            long failures,
            BigDecimal uptimePercent,
            long downtimeSeconds,
            long incidents,
            @JsonProperty("latency_ms") Latency latencyMs) {}

    record SeriesLatency(BigDecimal avg, BigDecimal p95) {}

    record SeriesBucket(
            Instant from,
            long checks,
            long failures,
            BigDecimal uptimePercent,
            @JsonProperty("latency_ms") SeriesLatency latencyMs) {}
}
