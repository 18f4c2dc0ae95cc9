package com.healthmonitor.api.slo;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@code GET /monitors/{id}/slo}: the objective, its current period and how much of the error budget is spent.
 * Checks and seconds are two measures of the same budget: failed checks out of those expected over the period, and
 * downtime (time DOWN outside maintenance) out of the period's length.
 */
record SloReport(
        BigDecimal objective,
        String period,
        Instant periodStart,
        Instant periodEnd,
        BigDecimal attainedPercent,
        Budget errorBudget,
        Budget budgetSpent,
        Budget budgetLeft,
        BigDecimal budgetLeftPercent,
        boolean budgetExhausted,
        BurnRate burnRate) {

    record Budget(BigDecimal checks, BigDecimal seconds) {}

    /** Failure ratio over the last hour and six hours divided by the allowed one (1 = on budget). */
    record BurnRate(
            @JsonProperty("1h") BigDecimal oneHour,
            @JsonProperty("6h") BigDecimal sixHours) {}
}
