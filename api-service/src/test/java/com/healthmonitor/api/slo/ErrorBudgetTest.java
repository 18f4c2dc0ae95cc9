package com.healthmonitor.api.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.history.UptimeRepository.Counts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
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

        SloReport report = report(budget, "2028-02-10T00:00:00Z", NONE, BigDecimal.ZERO);

        // 29 days = 2,505,600 s = 41,760 checks a minute.
        assertThat(report.errorBudget().seconds()).isEqualByComparingTo("2505.6");
        assertThat(report.errorBudget().checks()).isEqualByComparingTo("41.76");
    }

    @Test
    void budgetOfAFullMonthIsSpentByFailuresAndDowntime() {
        ErrorBudget budget = new ErrorBudget(new BigDecimal("99.9"), january(), Instant.EPOCH, 60);

        SloReport report = report(budget, "2026-01-20T00:00:00Z", new Counts(27_360, 10), new BigDecimal("600"));

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

        SloReport report = report(budget, "2026-01-20T00:00:00Z", new Counts(5_760, 0), new BigDecimal("300"));

        // 16 days = 1,382,400 s = 23,040 checks.
        assertThat(report.periodStart()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(report.errorBudget().checks()).isEqualByComparingTo("23.04");
        assertThat(report.errorBudget().seconds()).isEqualByComparingTo("1382.4");
        assertThat(report.budgetLeft().seconds()).isEqualByComparingTo("1082.4");
    }

    @Test
    void objective100HasNoBudgetAndAnyFailureExhaustsIt() {
        ErrorBudget budget = new ErrorBudget(new BigDecimal("100"), january(), Instant.EPOCH, 60);

        SloReport clean = report(budget, "2026-01-20T00:00:00Z", new Counts(100, 0), BigDecimal.ZERO);
        SloReport failed =
                budget.report("month", new Counts(100, 1), BigDecimal.ZERO, new Counts(60, 1), new Counts(360, 1));

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

        SloReport report = report(budget, "2026-01-01T00:00:00Z", NONE, BigDecimal.ZERO);

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

        SloReport report = report(budget, "2026-01-20T00:00:00Z", new Counts(27_360, 67), BigDecimal.ZERO);

        assertThat(report.budgetLeft().checks()).isEqualByComparingTo("-22.36");
        assertThat(report.budgetLeftPercent()).isEqualByComparingTo("-50.090");
        assertThat(report.budgetExhausted()).isTrue();
    }

    @Test
    void burnRateIsTheFailureRatioOverTheAllowedOne() {
        ErrorBudget budget = new ErrorBudget(new BigDecimal("99"), january(), Instant.EPOCH, 60);

        SloReport report =
                budget.report("month", new Counts(1000, 3), BigDecimal.ZERO, new Counts(60, 3), new Counts(360, 3));

        // 5 % failing against 1 % allowed; over 6 h 0.833 %.
        assertThat(report.burnRate().oneHour()).isEqualByComparingTo("5");
        assertThat(report.burnRate().sixHours()).isEqualByComparingTo("0.833");
    }

    private static SloReport report(ErrorBudget budget, String now, Counts sofar, BigDecimal downtimeSeconds) {
        return budget.report("month", sofar, downtimeSeconds, NONE, NONE);
    }

    private static Interval january() {
        return SloPeriod.MONTH.bounds(Instant.parse("2026-01-15T00:00:00Z"));
    }
}
