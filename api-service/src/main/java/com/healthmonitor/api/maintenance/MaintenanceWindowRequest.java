package com.healthmonitor.api.maintenance;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /maintenance-windows} and {@code PUT /maintenance-windows/{id}}. One-off: {@code starts_at}
 * and {@code ends_at}. Recurring: {@code cron} (five fields, in {@code time_zone}) or {@code weekdays} and
 * {@code time} ("HH:mm" in {@code time_zone}), each lasting {@code duration_minutes}. {@code monitor_ids} names the
 * monitors, or {@code all_monitors: true} covers every monitor.
 */
record MaintenanceWindowRequest(
        List<Long> monitorIds,
        Boolean allMonitors,
        String reason,
        Instant startsAt,
        Instant endsAt,
        String cron,
        List<String> weekdays,
        String time,
        String timeZone,
        Integer durationMinutes) {}
