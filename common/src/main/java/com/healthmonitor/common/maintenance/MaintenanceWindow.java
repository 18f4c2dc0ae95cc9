package com.healthmonitor.common.maintenance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a maintenance window is open: one-off ({@code startsAt} to {@code endsAt}), or recurring, from each start
 * of a cron expression or of a weekly schedule (days and a time of day) in {@code zone}, for {@code duration}.
 * Start inclusive, end exclusive.
 */
public record MaintenanceWindow(
        long id,
        Instant startsAt,
        Instant endsAt,
        String cron,
        Set<DayOfWeek> weekdays,
        LocalTime timeOfDay,
        ZoneId zone,
        Duration duration) {

    /** True when the window is open at {@code at}. */
    public boolean covers(Instant at) {
        if (startsAt != null) {
            return !at.isBefore(startsAt) && at.isBefore(endsAt);
        }
        if (cron != null) {
            // The first start after (at - duration) opens a window that is still open at `at` iff it is not later.
            ZonedDateTime next = cron(cron).next(at.minus(duration).atZone(zone));
            return next != null && !next.toInstant().isAfter(at);
        }
        LocalDate today = at.atZone(zone).toLocalDate();
        long days = duration.toDays() + 1;
        for (long back = 0; back <= days; back++) {
            LocalDate day = today.minusDays(back);
            if (weekdays.contains(day.getDayOfWeek())) {
                Instant start = day.atTime(timeOfDay).atZone(zone).toInstant();
                if (!at.isBefore(start) && at.isBefore(start.plus(duration))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Standard five-field cron ({@code 0 2 * * SUN}) or Spring's six fields with seconds first. */
    public static CronExpression cron(String expression) {
        String trimmed = expression.strip();
        return CronExpression.parse(trimmed.split("\\s+").length == 5 ? "0 " + trimmed : trimmed);
    }
}
