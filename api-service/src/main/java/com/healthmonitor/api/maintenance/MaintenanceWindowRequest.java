package com.healthmonitor.api.maintenance;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /maintenance-windows} and {@code PUT /maintenance-windows/{id}}. One-off: {@code starts_at}
 * and {@code ends_at}. Recurring: {@code cron} (five fields, in {@code time_zone}) or {@code weekdays} and
 * {@code time} ("HH:mm" in {@code time_zone}), each lasting {@code duration_minutes}. {@code monitor_ids} names the
 * monitors, or {@code all_monitors: true} covers every monitor.
 */
record MaintenanceWindowRequest(
        @Schema(description = "Monitors covered; empty with all_monitors", example = "[1, 2]")
        List<Long> monitorIds,

        @Schema(description = "Cover every monitor (default false)", example = "false")
        Boolean allMonitors,

        @Schema(description = "Why, at most 500 characters", example = "database upgrade")
        String reason,

        @Schema(description = "One-off: start (inclusive)", example = "2026-11-22T01:00:00Z")
        Instant startsAt,

        @Schema(description = "One-off: end (exclusive), after starts_at", example = "2026-11-22T03:00:00Z")
        Instant endsAt,

        @Schema(description = "Recurring: five-field cron of each start, in time_zone", example = "0 2 * * SUN")
        String cron,

        @Schema(description = "Recurring: days of each start (MON..SUN), with time", example = "[\"SAT\", \"SUN\"]")
        List<String> weekdays,

        @Schema(description = "Recurring: local time of each start, HH:mm, with weekdays", example = "02:00")
        String time,

        @Schema(description = "IANA time zone of cron or weekdays/time (default UTC)", example = "Europe/Berlin")
        String timeZone,

        @Schema(description = "Recurring: how long each window lasts, 1-10080 minutes", example = "120")
        Integer durationMinutes) {}
