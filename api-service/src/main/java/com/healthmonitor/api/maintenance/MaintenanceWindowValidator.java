package com.healthmonitor.api.maintenance;

import com.healthmonitor.api.web.FieldChecks;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import com.healthmonitor.common.maintenance.MaintenanceWindow;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** The rules of a maintenance window; every broken rule is reported at once, naming its field. */
@Component
class MaintenanceWindowValidator {

    static final int MAX_DURATION_MINUTES = 10_080;

    private final MaintenanceWindowRepository windows;

    MaintenanceWindowValidator(MaintenanceWindowRepository windows) {
        this.windows = windows;
    }

    MaintenanceWindowSettings validate(MaintenanceWindowRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        boolean all = Boolean.TRUE.equals(request.allMonitors());
        List<Long> ids = request.monitorIds() == null ? List.of() : request.monitorIds();
        if (ids.stream().anyMatch(Objects::isNull)) {
            violations.add(new FieldViolation("monitor_ids", "must not contain null"));
        } else if (all && !ids.isEmpty()) {
            violations.add(new FieldViolation("monitor_ids", "must be empty when all_monitors is true"));
        } else if (!all && ids.isEmpty()) {
            violations.add(new FieldViolation("monitor_ids", "must name at least one monitor, or set all_monitors"));
        } else {
            ids = ids.stream().distinct().sorted().toList();
            List<Long> missing = windows.missingMonitors(ids);
            if (!missing.isEmpty()) {
                violations.add(new FieldViolation("monitor_ids", "no monitor with id " + missing));
            }
        }
        String reason = request.reason() == null || request.reason().isBlank()
                ? null
                : request.reason().strip();
        if (reason != null && reason.length() > 500) {
            violations.add(new FieldViolation("reason", "must be at most 500 characters"));
        }
        String zone = FieldChecks.timeZone(request.timeZone(), violations);
        boolean oneOff = request.startsAt() != null || request.endsAt() != null;
        boolean byCron = request.cron() != null;
        boolean weekly = request.weekdays() != null || request.time() != null;
        int kinds = (oneOff ? 1 : 0) + (byCron ? 1 : 0) + (weekly ? 1 : 0);
        String cron = null;
        List<DayOfWeek> days = null;
        LocalTime time = null;
        Integer duration = request.durationMinutes();
        if (kinds != 1) {
            violations.add(
                    new FieldViolation("starts_at", "give exactly one of starts_at/ends_at, cron, or weekdays/time"));
        } else if (oneOff) {
            if (request.startsAt() == null) {
                violations.add(new FieldViolation("starts_at", "is required with ends_at"));
            } else if (request.endsAt() == null) {
                violations.add(new FieldViolation("ends_at", "is required with starts_at"));
            } else if (!request.endsAt().isAfter(request.startsAt())) {
                violations.add(new FieldViolation("ends_at", "must be after starts_at"));
            }
            if (duration != null) {
                violations.add(new FieldViolation("duration_minutes", "is only used by recurring windows"));
            }
        } else {
            if (duration == null || duration < 1 || duration > MAX_DURATION_MINUTES) {
                violations.add(new FieldViolation("duration_minutes", "must be between 1 and 10080"));
            }
            if (byCron) {
                cron = request.cron().strip();
                try {
                    MaintenanceWindow.cron(cron);
                } catch (IllegalArgumentException e) {
                    violations.add(new FieldViolation("cron", "must be a cron expression such as \"0 2 * * SUN\""));
                }
            } else {
                days = weekdays(request.weekdays(), violations);
                if (request.time() == null) {
                    violations.add(new FieldViolation("time", "is required with weekdays"));
                } else {
                    try {
                        time = LocalTime.parse(request.time().strip());
                    } catch (DateTimeParseException e) {
                        violations.add(new FieldViolation("time", "must be a time of day such as \"02:30\""));
                    }
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new MaintenanceWindowSettings(
                all ? List.of() : ids,
                all,
                reason,
                oneOff ? request.startsAt() : null,
                oneOff ? request.endsAt() : null,
                cron,
                days,
                time,
                zone,
                oneOff ? null : duration);
    }

    private static List<DayOfWeek> weekdays(List<String> given, List<FieldViolation> violations) {
        if (given == null || given.isEmpty()) {
            violations.add(new FieldViolation("weekdays", "must name at least one day, e.g. [\"SAT\", \"SUN\"]"));
            return null;
        }
        List<DayOfWeek> days = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String day = given.get(i) == null ? "" : given.get(i).strip().toUpperCase(Locale.ROOT);
            DayOfWeek match = null;
            for (DayOfWeek candidate : DayOfWeek.values()) {
                if (!day.isEmpty()
                        && (candidate.name().equals(day) || candidate.name().startsWith(day) && day.length() >= 3)) {
                    match = candidate;
                }
            }
            if (match == null) {
                violations.add(new FieldViolation("weekdays[" + i + "]", "must be a day such as MON or MONDAY"));
            } else if (!days.contains(match)) {
                days.add(match);
            }
        }
        days.sort(null);
        return days;
    }
}
