package com.healthmonitor.common.maintenance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.support.CronExpression;

/** When a maintenance window was (or will be) open within a period, as {@link MaintenanceWindow#covers} defines it. */
public final class MaintenanceOccurrences {

    /** One opening of a window: [from, to). */
    public record Span(Instant from, Instant to) {}

    /** A bound on the openings listed per window and period (a cron firing every minute for a quarter). */
    public static final int MAX_OPENINGS = 200_000;

    private MaintenanceOccurrences() {}

    /**
     * The window's openings clipped to [from, to), in order; they may overlap (a duration longer than the cron's
     * step).
     */
    public static List<Span> between(MaintenanceWindow window, Instant from, Instant to) {
        List<Span> openings = new ArrayList<>();
        if (window.startsAt() != null) {
            openings.add(new Span(window.startsAt(), window.endsAt()));
        } else if (window.cron() != null) {
            CronExpression cron = MaintenanceWindow.cron(window.cron());
            ZonedDateTime next = cron.next(
                    from.minus(window.duration()).atZone(window.zone()).minusNanos(1));
            while (next != null && next.toInstant().isBefore(to) && openings.size() < MAX_OPENINGS) {
                openings.add(new Span(next.toInstant(), next.toInstant().plus(window.duration())));
                next = cron.next(next);
            }
        } else {
            LocalDate day = from.minus(window.duration())
                    .atZone(window.zone())
                    .toLocalDate()
                    .minusDays(1);
            LocalDate last = to.atZone(window.zone()).toLocalDate();
            for (; !day.isAfter(last); day = day.plusDays(1)) {
                if (window.weekdays().contains(day.getDayOfWeek())) {
                    Instant start =
                            day.atTime(window.timeOfDay()).atZone(window.zone()).toInstant();
                    openings.add(new Span(start, start.plus(window.duration())));
                }
            }
        }
        return openings.stream()
                .map(o -> new Span(o.from().isBefore(from) ? from : o.from(), o.to().isAfter(to) ? to : o.to()))
                .filter(o -> o.from().isBefore(o.to()))
                .toList();
    }
}
