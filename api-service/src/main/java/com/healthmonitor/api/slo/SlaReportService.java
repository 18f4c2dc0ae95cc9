package com.healthmonitor.api.slo;

import com.healthmonitor.api.slo.SlaReport.Row;
import com.healthmonitor.api.slo.SloRepository.ReportedMonitor;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SLA report: every objective applied to one calendar month or quarter, whatever period it is set for. A monitor
 * created during the period is measured from its creation; a period still running is counted up to now.
 */
@Service
class SlaReportService {

    private final SloRepository slos;
    private final SloService reports;
    private final Clock clock;

    SlaReportService(SloRepository slos, SloService reports, Clock clock) {
        this.slos = slos;
        this.reports = reports;
        this.clock = clock;
    }

    /**
     * @param tags only the monitors with all of these tags, and only these tags' objectives; none: every objective
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    SlaReport report(String name, List<String> tags) {
        SlaPeriod period = SlaPeriod.parse(name);
        Instant now = clock.instant();
        if (!period.bounds().from().isBefore(now)) {
            throw new InvalidRequestException(List.of(new FieldViolation("period", "has not started yet")));
        }
        List<Row> monitors = new ArrayList<>();
        for (ReportedMonitor monitor : slos.withObjectives(tags)) {
            SloReport report =
                    reports.report(List.of(monitor), monitor.objective(), period.name(), period.bounds(), now, false);
            monitors.add(row(monitor.id(), null, monitor.name(), report));
        }
        List<Row> services = new ArrayList<>();
        for (Map.Entry<String, Slo> tag : slos.tagObjectives().entrySet()) {
            if (!tags.isEmpty() && !tags.contains(tag.getKey())) {
                continue;
            }
            SloReport report = reports.report(
                    slos.tagged(List.of(tag.getKey())),
                    tag.getValue().objective(),
                    period.name(),
                    period.bounds(),
                    now,
                    false);
            services.add(row(null, tag.getKey(), tag.getKey(), report));
        }
        return new SlaReport(
                period.name(),
                period.bounds().from(),
                period.bounds().to(),
                !now.isBefore(period.bounds().to()),
                List.copyOf(monitors),
                List.copyOf(services));
    }

    private static Row row(Long monitorId, String tag, String name, SloReport report) {
        // Compared as shown: both have 3 decimals.
        Boolean met = report.attainedPercent() == null
                ? null
                : report.attainedPercent().compareTo(report.objective()) >= 0;
        BigDecimal budget = report.errorBudget().checks();
        return new Row(
                monitorId,
                tag,
                name,
                report.objective(),
                report.attainedPercent(),
                met,
                report.budgetSpent().seconds(),
                report.errorBudget(),
                report.budgetSpent(),
                budget.signum() == 0
                        ? null
                        : report.budgetSpent()
                                .checks()
                                .multiply(BigDecimal.valueOf(100))
                                .divide(budget, 3, RoundingMode.HALF_UP));
    }
}
