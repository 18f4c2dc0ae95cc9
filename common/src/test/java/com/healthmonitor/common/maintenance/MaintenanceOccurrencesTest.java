package com.healthmonitor.common.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.maintenance.MaintenanceOccurrences.Span;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class MaintenanceOccurrencesTest {

    @Test
    void maintenanceOpeningsOfOneOffCronAndWeeklyWindowsWithinAPeriod() {
        Instant from = Instant.parse("2026-01-05T00:00:00Z"); // a Monday
        Instant to = Instant.parse("2026-01-12T00:00:00Z");
        MaintenanceWindow oneOff = new MaintenanceWindow(
                1,
                Instant.parse("2026-01-04T22:00:00Z"),
                Instant.parse("2026-01-05T01:00:00Z"),
                null,
                null,
                null,
                ZoneId.of("UTC"),
                null);
        MaintenanceWindow nightly =
                new MaintenanceWindow(2, null, null, "30 23 * * *", null, null, ZoneId.of("UTC"), Duration.ofHours(1));
        MaintenanceWindow sundays = new MaintenanceWindow(
                3,
                null,
                null,
                null,
                EnumSet.of(DayOfWeek.SUNDAY),
                LocalTime.of(2, 0),
                ZoneId.of("Europe/Berlin"),
                Duration.ofHours(2));

        assertThat(MaintenanceOccurrences.between(oneOff, from, to))
                .containsExactly(span("2026-01-05T00:00:00Z", "2026-01-05T01:00:00Z"));
        // The opening of the 4th at 23:30 is still open at the start.
        assertThat(MaintenanceOccurrences.between(nightly, from, to))
                .hasSize(8)
                .startsWith(span("2026-01-05T00:00:00Z", "2026-01-05T00:30:00Z"))
                .endsWith(span("2026-01-11T23:30:00Z", "2026-01-12T00:00:00Z"));
        assertThat(MaintenanceOccurrences.between(sundays, from, to))
                .containsExactly(span("2026-01-11T01:00:00Z", "2026-01-11T03:00:00Z"));
    }

    private static Span span(String from, String to) {
        return new Span(Instant.parse(from), Instant.parse(to));
    }
}
