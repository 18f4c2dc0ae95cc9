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
        Integer durationMinutes) {

    /** The weekdays as requests and responses write them: MON, TUE, ...; null for other kinds of windows. */
    List<String> weekdayNames() {
        return weekdays == null
                ? null
                : weekdays.stream().map(day -> day.name().substring(0, 3)).toList();
    }

    /** The time of day as HH:mm; null for other kinds of windows. */
    String timeText() {
        return time == null ? null : time.toString();
    }
}
