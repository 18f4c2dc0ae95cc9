package com.healthmonitor.api.statuspage;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a public status page shows: names, statuses and uptimes only. It never carries a monitor's URL, webhook,
 * headers or error texts, which could reveal internals to anyone on the internet.
 */
record PublicStatus(
        String title,
        String description,
        Instant generatedAt,
        Overall overall,
        List<Group> groups,
        List<Change> recentChanges) {

    enum Overall {
        OPERATIONAL,
        PARTIAL_OUTAGE,
        MAJOR_OUTAGE
    }

    /** {@code name} is null for the monitors listed outside any group. */
    record Group(String name, List<MonitorStatus> monitors) {}

    /** {@code status} is UP, DOWN, UNKNOWN, or PAUSED for a disabled monitor. */
    record MonitorStatus(
            long id,
            String name,
            String status,
            Instant since,
            @JsonProperty("uptime_90d") BigDecimal uptime90d,
            List<Day> days) {}

    /** One cell of the 90-day bar; {@code uptimePercent} is null on a day without checks. */
    record Day(LocalDate day, long checks, BigDecimal uptimePercent, long incidents) {}

    record Change(long monitorId, String monitorName, String oldStatus, String newStatus, Instant changedAt) {}
}
