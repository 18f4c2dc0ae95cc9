package com.healthmonitor.api.maintenance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/** A validated maintenance window, as stored. */
record MaintenanceWindowSettings(
        List<Long> monitorIds,
        boolean allMonitors,
        String reason,
        Instant startsAt,
        Instant endsAt,
        String cron,
        List<DayOfWeek> weekdays,
        LocalTime time,
        String timeZone,
        Integer durationMinutes) {}
