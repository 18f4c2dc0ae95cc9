package com.healthmonitor.api.slo;

import com.healthmonitor.api.slo.SlaReport.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SLA report as CSV (RFC 4180): a header, then one line per monitor and per tag, {@code kind} telling which.
 * A name that a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -}, {@code @} first) is written
 * with a leading apostrophe, so that opening the file runs nothing.
 */
final class SlaCsv {

    static final String HEADER = "period,kind,monitor_id,tag,name,objective,attained_percent,met,downtime_seconds,"
            + "error_budget_checks,error_budget_seconds,budget_spent_checks,budget_spent_seconds,budget_spent_percent";

    private SlaCsv() {}

    static String write(SlaReport report) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        Stream.concat(
                        report.monitors().stream().map(row -> line(report.period(), "monitor", row)),
                        report.services().stream().map(row -> line(report.period(), "tag", row)))
                .forEach(lines::add);
        return lines.stream().map(line -> line + "\r\n").collect(Collectors.joining());
    }

    private static String line(String period, String kind, Row row) {
        return Stream.of(
                        period,
                        kind,
                        row.monitorId() == null ? null : row.monitorId().toString(),
                        row.tag(),
                        row.name(),
                        number(row.objective()),
                        number(row.attainedPercent()),
                        row.met() == null ? null : row.met().toString(),
                        number(row.downtimeSeconds()),
                        number(row.errorBudget().checks()),
                        number(row.errorBudget().seconds()),
                        number(row.budgetSpent().checks()),
                        number(row.budgetSpent().seconds()),
                        number(row.budgetSpentPercent()))
                .map(SlaCsv::cell)
                .collect(Collectors.joining(","));
    }

    private static String number(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text =
                !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !isNumber(value) ? "'" + value : value;
        return text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')
                ? '"' + text.replace("\"", "\"\"") + '"'
                : text;
    }

    /** A negative number (budget overspent) is data, not a formula. */
    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
