package com.healthmonitor.worker.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A multi-window burn-rate alert as the SRE workbook defines it: it fires when {@code budgetShare} of a 30-day error
 * budget would burn within {@code longWindow}, and the burn still goes on over {@code shortWindow} (so that it stops
 * firing soon after the burn stops, not an hour later).
 *
 * <p>The burn rate over a window is its failure ratio over the ratio the objective allows, {@code 1 - objective/100}
 * (1 = spending exactly the whole budget over the period). Spending {@code budgetShare} of the period's budget within
 * {@code longWindow} is a burn rate of {@code budgetShare × period / longWindow}: 14.4 for 2 % in 1 h of 30 days, 6 for
 * 5 % in 6 h. The period scales it (a quarter counts as 90 days, a month as 30: three times the rate for a quarter);
 * the objective caps it at {@code 1 / (1 - objective/100)}, the rate of every check failing, so that a loose objective
 * (say 90 %) still pages when everything fails.
 */
record BurnRateRule(String severity, double budgetShare, Duration longWindow, Duration shortWindow) {

    static final BurnRateRule PAGE = new BurnRateRule("page", 0.02, Duration.ofHours(1), Duration.ofMinutes(5));
    static final BurnRateRule WARN = new BurnRateRule("warn", 0.05, Duration.ofHours(6), Duration.ofMinutes(30));
    static final List<BurnRateRule> ALL = List.of(PAGE, WARN);

    /** The length of each period that monitor_slos.period names, for scaling the thresholds. */
    private static final Map<String, Duration> PERIODS =
            Map.of("month", Duration.ofDays(30), "quarter", Duration.ofDays(90), "rolling_30d", Duration.ofDays(30));

    /** Checks and failures over a window. */
    record Counts(long checks, long failures) {}

    /** The burn rate at or above which this rule fires, for an objective over a period. */
    double threshold(BigDecimal objective, String period) {
        double allowed = allowed(objective);
        double scaled = budgetShare * PERIODS.get(period).toSeconds() / longWindow.toSeconds();
        return Math.min(scaled, 1 / allowed);
    }

    /** The failure ratio over the allowed one; 0 without checks. */
    static double burnRate(BigDecimal objective, Counts counts) {
        return counts.checks() == 0 ? 0 : (double) counts.failures() / counts.checks() / allowed(objective);
    }

    /** True while both windows burn at or above the threshold: the alert's condition. */
    boolean burning(BigDecimal objective, String period, Counts longCounts, Counts shortCounts) {
        double threshold = threshold(objective, period);
        return burnRate(objective, longCounts) >= threshold && burnRate(objective, shortCounts) >= threshold;
    }

    /** The alert's reason: which rule, the rates over both windows and the threshold. */
    String reason(BigDecimal objective, String period, Counts longCounts, Counts shortCounts) {
        return String.format(
                Locale.ROOT,
                "%s: burn rate %.1f over %s and %.1f over %s, at or above %.1f: %s %% of the error budget (%s %% %s)"
                        + " burns within %s",
                severity.equals("page") ? "Page" : "Warning",
                burnRate(objective, longCounts),
                label(longWindow),
                burnRate(objective, shortCounts),
                label(shortWindow),
                threshold(objective, period),
                BigDecimal.valueOf(budgetShare * 100).stripTrailingZeros().toPlainString(),
                objective.stripTrailingZeros().toPlainString(),
                period.equals("rolling_30d") ? "over 30 days" : "per " + period,
                label(longWindow));
    }

    private static double allowed(BigDecimal objective) {
        return 1 - objective.doubleValue() / 100;
    }

    private static String label(Duration window) {
        return window.toMinutes() % 60 == 0 ? window.toHours() + " h" : window.toMinutes() + " min";
    }
}
