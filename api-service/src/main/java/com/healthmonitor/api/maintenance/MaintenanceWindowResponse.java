package com.healthmonitor.api.maintenance;

import java.time.Instant;
import java.util.List;

/** A maintenance window; {@code active} tells whether it is open now, {@code key} names it in {@code /config}. */
record MaintenanceWindowResponse(
        long id,
        String key,
        List<Long> monitorIds,
        boolean allMonitors,
        String reason,
        Instant startsAt,
        Instant endsAt,
        String cron,
        List<String> weekdays,
        String time,
        String timeZone,
        Integer durationMinutes,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {}
