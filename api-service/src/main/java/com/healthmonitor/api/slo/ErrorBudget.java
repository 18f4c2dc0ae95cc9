package com.healthmonitor.api.slo;

import com.healthmonitor.api.history.UptimeRepository.Counts;
import com.healthmonitor.api.history.Uptimes;
import com.healthmonitor.api.slo.SloReport.Budget;
import com.healthmonitor.api.slo.SloReport.BurnRate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The SLO arithmetic, free of storage: from an objective, the period's bounds and what happened so far, the budget
 * and how much of it is spent. A monitor created during the period is measured from its creation. Checks made
 * during maintenance are not in {@code checks} (the rollups leave them out), nor is time DOWN inside maintenance in
 * the downtime ({@code /stats} counts it so).
 *
 * @param objective percent of successful checks, above 0 and at most 100
 * @param intervalSeconds how often the monitor is checked, for the checks expected over the period
 */
record ErrorBudget(BigDecimal objective, Interval period, Instant createdAt, long intervalSeconds) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * @param sofar checks and failures from the start of the measured period until now
     * @param downtimeSeconds seconds DOWN outside maintenance from the start of the measured period until now
     * @param lastHour checks and failures over the last hour, for the burn rate
     * @param lastSixHours the same over the last six hours
     */
    SloReport report(
            String periodName, Counts sofar, BigDecimal downtimeSeconds, Counts lastHour, Counts lastSixHours) {
        return report(
                objective,
                periodName,
                period,
                expectedChecks(),
                measured().length().toSeconds(),
                sofar,
                downtimeSeconds,
                lastHour,
                lastSixHours);
    }

    /** The checks expected over the part of the period the monitor existed for. */
    long expectedChecks() {
        return measured().length().toSeconds() / Math.max(1, intervalSeconds);
    }

    /**
     * The report of one monitor, or of several as one service: then the expected checks, measured seconds, counts and
     * downtime are the sums over them, so the budget is the sum of theirs.
     */
    static SloReport report(
            BigDecimal objective,
            String periodName,
            Interval period,
            long expectedChecks,
            long measuredSeconds,
            Counts sofar,
            BigDecimal downtimeSeconds,
            Counts lastHour,
            Counts lastSixHours) {
        BigDecimal allowed = allowedFraction(objective);
        Budget budget = new Budget(
                scale(allowed.multiply(BigDecimal.valueOf(expectedChecks))),
                scale(allowed.multiply(BigDecimal.valueOf(measuredSeconds))));
        Budget spent = new Budget(scale(BigDecimal.valueOf(sofar.failures())), scale(downtimeSeconds));
        Budget left = new Budget(
                budget.checks().subtract(spent.checks()), budget.seconds().subtract(spent.seconds()));
        return new SloReport(
                objective,
                periodName,
                period.from(),
                period.to(),
                Uptimes.percent(sofar.checks(), sofar.failures()),
                budget,
                spent,
                left,
                leftPercent(budget.checks(), left.checks()),
                left.checks().signum() < 0 || left.seconds().signum() < 0,
                new BurnRate(burnRate(objective, lastHour), burnRate(objective, lastSixHours)));
    }

    /** The part of the period the monitor existed for: from its creation when that came later. */
    Interval measured() {
        Instant from = createdAt.isAfter(period.from()) ? createdAt : period.from();
        return new Interval(from.isAfter(period.to()) ? period.to() : from, period.to());
    }

    /** The share of checks allowed to fail: 1 - objective / 100. */
    private static BigDecimal allowedFraction(BigDecimal objective) {
        return HUNDRED.subtract(objective).divide(HUNDRED);
    }

    /**
     * The failure ratio over the allowed one; 0 without checks or failures. With a zero budget (objective 100) any
     * failure burns infinitely fast: null, as JSON has no infinity.
     */
    private static BigDecimal burnRate(BigDecimal objective, Counts window) {
        if (window.checks() == 0 || window.failures() == 0) {
            return BigDecimal.ZERO.setScale(3);
        }
        BigDecimal allowed = allowedFraction(objective);
        if (allowed.signum() == 0) {
            return null;
        }
        return BigDecimal.valueOf(window.failures())
                .divide(BigDecimal.valueOf(window.checks()).multiply(allowed), 3, RoundingMode.HALF_UP);
    }

    /** Left over budget in percent, negative once overspent; a zero budget is all left until a failure, then null. */
    private static BigDecimal leftPercent(BigDecimal budget, BigDecimal left) {
        if (budget.signum() == 0) {
            return left.signum() == 0 ? HUNDRED.setScale(3) : null;
        }
        return left.multiply(HUNDRED).divide(budget, 3, RoundingMode.HALF_UP);
    }

    private static BigDecimal scale(BigDecimal value) {
        return value.setScale(3, RoundingMode.HALF_UP);
    }
}
