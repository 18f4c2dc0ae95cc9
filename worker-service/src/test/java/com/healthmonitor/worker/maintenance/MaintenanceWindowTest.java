package com.healthmonitor.worker.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.maintenance.MaintenanceWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** When one-off, cron and weekly windows are open; start inclusive, end exclusive, in the window's zone. */
class MaintenanceWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void oneOff() {
        MaintenanceWindow window = new MaintenanceWindow(
                1, at("2026-11-21T10:00:00Z"), at("2026-11-21T11:00:00Z"), null, null, null, null, null);

        assertThat(window.covers(at("2026-11-21T09:59:59Z"))).isFalse();
        assertThat(window.covers(at("2026-11-21T10:00:00Z"))).isTrue();
        assertThat(window.covers(at("2026-11-21T10:59:59Z"))).isTrue();
        assertThat(window.covers(at("2026-11-21T11:00:00Z"))).isFalse();
    }

    @Test
    void fiveFieldCronInItsTimeZone() {
        // Sundays 02:00 Berlin (01:00 UTC in winter), two hours.
        MaintenanceWindow window =
                new MaintenanceWindow(2, null, null, "0 2 * * SUN", null, null, BERLIN, Duration.ofHours(2));

        assertThat(window.covers(at("2026-11-22T00:59:59Z"))).isFalse();
        assertThat(window.covers(at("2026-11-22T01:00:00Z"))).isTrue();
        assertThat(window.covers(at("2026-11-22T02:59:59Z"))).isTrue();
        assertThat(window.covers(at("2026-11-22T03:00:00Z"))).isFalse();
        assertThat(window.covers(at("2026-11-23T01:30:00Z"))).isFalse();
    }

    @Test
    void weeklyDaysAndTimeAcrossMidnight() {
        // Saturdays 23:00 Berlin for three hours: into Sunday.
        MaintenanceWindow window = new MaintenanceWindow(
                3, null, null, null, EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(23, 0), BERLIN, Duration.ofHours(3));

        assertThat(window.covers(at("2026-11-21T21:59:00Z"))).isFalse();
        assertThat(window.covers(at("2026-11-21T22:00:00Z"))).isTrue();
        assertThat(window.covers(at("2026-11-22T00:30:00Z"))).isTrue();
        assertThat(window.covers(at("2026-11-22T01:00:00Z"))).isFalse();
        assertThat(window.covers(at("2026-11-20T22:30:00Z"))).isFalse(); // a Friday
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }
}
