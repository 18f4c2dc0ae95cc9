package com.healthmonitor.api.slo;

import com.healthmonitor.api.slo.SloReport.Budget;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /reports/sla}: each objective over a calendar month or quarter: the monitors' own objectives, and the
 * tags' objectives with their monitors counted as one service.
 *
 * @param complete false while the period is still running (counted up to now)
 */
record SlaReport(
        String period,
        Instant periodStart,
        Instant periodEnd,
        boolean complete,
        List<Row> monitors,
        List<Row> services) {

    /**
     * One objective's attainment: a monitor's ({@code monitorId}) or a tag's ({@code tag}).
     *
     * @param met whether the attained uptime reached the objective; null without checks
     * @param downtimeSeconds time DOWN outside maintenance (summed over a tag's monitors)
     * @param budgetSpentPercent failed checks in percent of the checks budget; null when the budget is zero
     */
    record Row(
            Long monitorId,
            String tag,
            String name,
            BigDecimal objective,
            BigDecimal attainedPercent,
            Boolean met,
            BigDecimal downtimeSeconds,
            Budget errorBudget,
            Budget budgetSpent,
            BigDecimal budgetSpentPercent) {}
}
