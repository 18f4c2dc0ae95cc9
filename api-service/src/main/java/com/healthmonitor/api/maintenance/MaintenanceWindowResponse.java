package com.healthmonitor.api.maintenance;

import java.time.Instant;
import java.util.List;

/** A maintenance window; {@code active} tells whether it is open now. */
record MaintenanceWindowResponse(
        long id,
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
