package com.healthmonitor.api.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.history.UptimeRepository.Counts;
import com.healthmonitor.api.slo.StatusTimeline.Change;
import com.healthmonitor.common.maintenance.MaintenanceWindow;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorBudgetTest {

    private static final Counts NONE = new Counts(0, 0);

    @ParameterizedTest(name = "{0} at {1}: {2} - {3}")
    @CsvSource({
        "MONTH, 2026-01-31T23:59:59Z, 2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z",
        "MONTH, 2026-02-01T00:00:00Z, 2026-02-01T00:00:00Z, 2026-03-01T00:00:00Z",
        "MONTH, 2028-02-29T12:00:00Z, 2028-02-01T00:00:00Z, 2028-03-01T00:00:00Z",
        "MONTH, 2026-12-31T23:00:00Z, 2026-12-01T00:00:00Z, 2027-01-01T00:00:00Z",
        // 23:30 on Feb 28 in New York is already March in UTC: periods are UTC.
        "MONTH, 2026-02-28T23:30:00-05:00, 2026-03-01T00:00:00Z, 2026-04-01T00:00:00Z",
        "QUARTER, 2026-03-31T23:59:59Z, 2026-01-01T00:00:00Z, 2026-04-01T00:00:00Z",
        "QUARTER, 2026-04-01T00:00:00Z, 2026-04-01T00:00:00Z, 2026-07-01T00:00:00Z",
        "QUARTER, 2026-08-15T10:00:00Z, 2026-07-01T00:00:00Z, 2026-10-01T00:00:00Z",
        "QUARTER, 2026-12-15T10:00:00Z, 2026-10-01T00:00:00Z, 2027-01-01T00:00:00Z",
        "ROLLING_30D, 2026-03-10T12:30:00Z, 2026-02-08T12:30:00Z, 2026-03-10T12:30:00Z",
    })
    void periodsAreCalendarMonthsAndQuartersInUtcOrTheLast30Days(
            SloPeriod period, OffsetDateTime now, Instant start, Instant end) {
        assertThat(period.bounds(now.toInstant())).isEqualTo(new Interval(start, end));
    }

    @Test
    void leapFebruaryHas29DaysOfBudget() {
        Interval february = SloPeriod.MONTH.bounds(Instant.parse("2028-02-10T00:00:00Z"));
        ErrorBudget budget = new ErrorBudget(new BigDecimal("99.9"), february, Instant.EPOCH, 60);

        SloReport report = report(budget, "2028-02-10T00:00:00Z", NONE, List.of(), List.of());

        // 29 days = 2,505,600 s = 41,760 checks a minute.
        assertThat(report.errorBudget().seconds()).isEqualByComparingTo("2505.6");
        assertThat(report.errorBudget().checks()).isEqualByComparingTo("41.76");
    }

    @Test
    void budgetOfAFullMonthIsSpentByFailuresAndDowntime() {
        ErrorBudget budget = new ErrorBudget(new BigDecimal("99.9"), january(), Instant.EPOCH, 60);

        SloReport report = report(
                budget,
                "2026-01-20T00:00:00Z",
                new Counts(27_360, 10),
                List.of(interval("2026-01-05T10:00:00Z", "2026-01-05T10:10:00Z")),
                List.of());

        // January: 2,678,400 s, 44,640 checks a minute; 0.1 % of them.
        assertThat(report.periodStart()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(report.periodEnd()).isEqualTo("2026-02-01T00:00:00Z");
        assertThat(report.attainedPercent()).isEqualByComparingTo("99.963");
        assertThat(report.errorBudget().checks()).isEqualByComparingTo("44.64");
        assertThat(report.errorBudget().seconds()).isEqualByComparingTo("2678.4");
        assertThat(report.budgetSpent().checks()).isEqualByComparingTo("10");
        assertThat(report.budgetSpent().seconds()).isEqualByComparingTo("600");
        assertThat(report.budgetLeft().checks()).isEqualByComparingTo("34.64");
        assertThat(report.budgetLeft().seconds()).isEqualByComparingTo("2078.4");
        assertThat(report.budgetLeftPercent()).isEqualByComparingTo("77.599");
        assertThat(report.budgetExhausted()).isFalse();
    }

    @Test
    void aMonitorCreatedMidPeriodIsMeasuredFromItsCreation() {
        ErrorBudget budget =
                new ErrorBudget(new BigDecimal("99.9"), january(), Instant.parse("2026-01-16T00:00:00Z"), 60);

        SloReport report = report(
                budget,
                "2026-01-20T00:00:00Z",
                new Counts(5_760, 0),
                // Whatever a timeline says about the time before the monitor existed does not count.
                List.of(interval("2026-01-15T00:00:00Z", "2026-01-16T00:05:00Z")),
                List.of());

        // 16 days = 1,382,400 s = 23,040 checks.
        assertThat(report.periodStart()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(report.errorBudget().checks()).isEqualByComparingTo("23.04");
        assertThat(report.errorBudget().seconds()).isEqualByComparingTo("1382.4");
        assertThat(report.budgetSpent().seconds()).isEqualByComparingTo("300");
    }

    @Test
    void downtimeDuringMaintenanceSpendsNoBudget() {
        ErrorBudget budget = new ErrorBudget(new BigDecimal("99.9"), january(), Instant.EPOCH, 60);
        List<Interval> down = List.of(
                interval("2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z"),
                interval("2026-01-06T03:00:00Z", "2026-01-06T03:20:00Z"));
        List<Interval> maintenance = List.of(
                interval("2026-01-05T10:30:00Z", "2026-01-05T12:00:00Z"),
                interval("2026-01-06T02:00:00Z", "2026-01-06T04:00:00Z"));

        SloReport report = report(budget, "2026-01-20T00:00:00Z", new Counts(27_000, 0), down, maintenance);

        // Only 10:00-10:30 on the 5th; the 6th's outage lies wholly inside the window.
        assertThat(report.budgetSpent().seconds()).isEqualByComparingTo("1800");
    }

    @Test
    void downtimeCountsUntilNowOnly() {
        ErrorBudget budget = new ErrorBudget(new BigDecimal("99"), january(), Instant.EPOCH, 60);

        SloReport report = report(
                budget,
                "2026-01-20T00:00:00Z",
                new Counts(100, 5),
                List.of(interval("2026-01-19T23:00:00Z", "2026-02-01T00:00:00Z")),
                List.of());

        assertThat(report.budgetSpent().seconds()).isEqualByComparingTo("3600");
    }

    @Test
    void objective100HasNoBudgetAndAnyFailureExhaustsIt() {
        ErrorBudget budget = new ErrorBudget(new BigDecimal("100"), january(), Instant.EPOCH, 60);

        SloReport clean = report(budget, "2026-01-20T00:00:00Z", new Counts(100, 0), List.of(), List.of());
        SloReport failed = budget.report(
                "month",
                Instant.parse("2026-01-20T00:00:00Z"),
                new Counts(100, 1),
                List.of(),
                List.of(),
                new Counts(60, 1),
                new Counts(360, 1));

        assertThat(clean.errorBudget().checks()).isEqualByComparingTo("0");
        assertThat(clean.errorBudget().seconds()).isEqualByComparingTo("0");
        assertThat(clean.budgetLeftPercent()).isEqualByComparingTo("100");
        assertThat(clean.budgetExhausted()).isFalse();
        assertThat(clean.burnRate().oneHour()).isEqualByComparingTo("0");
        assertThat(failed.budgetLeft().checks()).isEqualByComparingTo("-1");
        assertThat(failed.budgetLeftPercent()).isNull();
        assertThat(failed.budgetExhausted()).isTrue();
        assertThat(failed.burnRate().oneHour()).isNull();
    }

    @Test
    void withoutChecksNothingIsAttainedOrSpentAndNothingBurns() {
        ErrorBudget budget = new ErrorBudget(new BigDecimal("99.5"), january(), Instant.EPOCH, 60);

        SloReport report = report(budget, "2026-01-01T00:00:00Z", NONE, List.of(), List.of());

        assertThat(report.attainedPercent()).isNull();
        assertThat(report.budgetSpent().checks()).isEqualByComparingTo("0");
        assertThat(report.budgetLeft()).isEqualTo(report.errorBudget());
        assertThat(report.budgetLeftPercent()).isEqualByComparingTo("100");
        assertThat(report.burnRate().oneHour()).isEqualByComparingTo("0");
        assertThat(report.burnRate().sixHours()).isEqualByComparingTo("0");
    }

    @Test
    void overspentBudgetGoesNegative() {
        ErrorBudget budget = new ErrorBudget(new BigDecimal("99.9"), january(), Instant.EPOCH, 60);

        SloReport report = report(budget, "2026-01-20T00:00:00Z", new Counts(27_360, 67), List.of(), List.of());

        assertThat(report.budgetLeft().checks()).isEqualByComparingTo("-22.36");
        assertThat(report.budgetLeftPercent()).isEqualByComparingTo("-50.090");
        assertThat(report.budgetExhausted()).isTrue();
    }

    @Test
    void burnRateIsTheFailureRatioOverTheAllowedOne() {
        ErrorBudget budget = new ErrorBudget(new BigDecimal("99"), january(), Instant.EPOCH, 60);

        SloReport report = budget.report(
                "month",
                Instant.parse("2026-01-20T00:00:00Z"),
                new Counts(1000, 3),
                List.of(),
                List.of(),
                new Counts(60, 3),
                new Counts(360, 3));

        // 5 % failing against 1 % allowed; over 6 h 0.833 %.
        assertThat(report.burnRate().oneHour()).isEqualByComparingTo("5");
        assertThat(report.burnRate().sixHours()).isEqualByComparingTo("0.833");
    }

    @Test
    void downIntervalsFollowTheStatusChanges() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-01-02T00:00:00Z");

        List<Interval> down = StatusTimeline.down(
                "DOWN",
                List.of(
                        new Change(Instant.parse("2026-01-01T01:00:00Z"), "UP"),
                        new Change(Instant.parse("2026-01-01T05:00:00Z"), "DOWN"),
                        new Change(Instant.parse("2026-01-01T05:30:00Z"), "UP"),
                        new Change(Instant.parse("2026-01-01T23:00:00Z"), "DOWN")),
                from,
                to);

        assertThat(down)
                .containsExactly(
                        interval("2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z"),
                        interval("2026-01-01T05:00:00Z", "2026-01-01T05:30:00Z"),
                        interval("2026-01-01T23:00:00Z", "2026-01-02T00:00:00Z"));
    }

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
                .containsExactly(interval("2026-01-05T00:00:00Z", "2026-01-05T01:00:00Z"));
        // The opening of the 4th at 23:30 is still open at the start.
        assertThat(MaintenanceOccurrences.between(nightly, from, to))
                .hasSize(8)
                .startsWith(interval("2026-01-05T00:00:00Z", "2026-01-05T00:30:00Z"))
                .endsWith(interval("2026-01-11T23:30:00Z", "2026-01-12T00:00:00Z"));
        assertThat(MaintenanceOccurrences.between(sundays, from, to))
                .containsExactly(interval("2026-01-11T01:00:00Z", "2026-01-11T03:00:00Z"));
    }

    private static SloReport report(
            ErrorBudget budget, String now, Counts sofar, List<Interval> down, List<Interval> maintenance) {
        return budget.report("month", Instant.parse(now), sofar, down, maintenance, NONE, NONE);
    }

    private static Interval january() {
        return SloPeriod.MONTH.bounds(Instant.parse("2026-01-15T00:00:00Z"));
    }

    private static Interval interval(String from, String to) {
        return new Interval(Instant.parse(from), Instant.parse(to));
    }
}
