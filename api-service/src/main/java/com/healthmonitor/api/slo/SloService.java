package com.healthmonitor.api.slo;

import com.healthmonitor.api.history.UptimeRepository;
import com.healthmonitor.api.history.UptimeRepository.Counts;
import com.healthmonitor.api.slo.SloRepository.ReportedMonitor;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Objectives of a monitor or of a tag, and their reports over the current period. */
@Service
class SloService {

    private static final int MAX_DECIMALS = 3;
    private static final Counts NONE = new Counts(0, 0);

    private final SloRepository slos;
    private final UptimeRepository uptimes;
    private final Clock clock;

    SloService(SloRepository slos, UptimeRepository uptimes, Clock clock) {
        this.slos = slos;
        this.uptimes = uptimes;
        this.clock = clock;
    }

    @Transactional
    SloReport replace(SloSubject subject, SloRequest request) {
        Slo slo = validate(request);
        List<ReportedMonitor> monitors = subject.monitors(slos);
        subject.save(slos, slo);
        return current(monitors, slo);
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    SloReport report(SloSubject subject) {
        List<ReportedMonitor> monitors = subject.monitors(slos);
        Slo slo = subject.objective(slos).orElseThrow(subject::withoutObjective);
        return current(monitors, slo);
    }

    @Transactional
    void delete(SloSubject subject) {
        subject.delete(slos);
    }

    /** The objective over the period containing now, with the burn rates. */
    private SloReport current(List<ReportedMonitor> monitors, Slo slo) {
        Instant now = clock.instant();
        return report(
                monitors, slo.objective(), slo.period().value(), slo.period().bounds(now), now, true);
    }

    /**
     * The report of {@code monitors} as one service (one monitor: its own report) for {@code objective} over
     * {@code period}, counted up to now or the period's end: each monitor's expected checks, measured time, checks,
     * failures and downtime (maintenance left out, as {@code /stats} counts it), summed.
     *
     * @param burnRates whether to measure the last hour and six hours (the current period's report) or not
     */
    SloReport report(
            List<ReportedMonitor> monitors,
            BigDecimal objective,
            String periodName,
            Interval period,
            Instant now,
            boolean burnRates) {
        Instant until = now.isBefore(period.to()) ? now : period.to();
        long expected = 0;
        long measuredSeconds = 0;
        long checks = 0;
        long failures = 0;
        BigDecimal downtime = BigDecimal.ZERO;
        long[] lastHour = new long[2];
        long[] lastSixHours = new long[2];
        for (ReportedMonitor monitor : monitors) {
            ErrorBudget budget = new ErrorBudget(
                    objective,
                    period,
                    monitor.facts().createdAt(),
                    monitor.facts().intervalSeconds());
            Instant from = budget.measured().from();
            Instant to = until.isBefore(from) ? from : until;
            expected += budget.expectedChecks();
            measuredSeconds += budget.measured().length().toSeconds();
            Counts sofar = uptimes.counts(monitor.id(), from, to);
            checks += sofar.checks();
            failures += sofar.failures();
            downtime = downtime.add(uptimes.downtimeSeconds(monitor.id(), from, to));
            if (burnRates) {
                add(lastHour, uptimes.counts(monitor.id(), now.minus(Duration.ofHours(1)), now));
                add(lastSixHours, uptimes.counts(monitor.id(), now.minus(Duration.ofHours(6)), now));
            }
        }
        return ErrorBudget.report(
                objective,
                periodName,
                period,
                expected,
                measuredSeconds,
                new Counts(checks, failures),
                downtime,
                burnRates ? new Counts(lastHour[0], lastHour[1]) : NONE,
                burnRates ? new Counts(lastSixHours[0], lastSixHours[1]) : NONE);
    }

    private static void add(long[] sum, Counts counts) {
        sum[0] += counts.checks();
        sum[1] += counts.failures();
    }

    static Slo validate(SloRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        BigDecimal objective = request.objective();
        if (objective == null) {
            violations.add(new FieldViolation("objective", "is required"));
        } else if (objective.signum() <= 0 || objective.compareTo(BigDecimal.valueOf(100)) >= 0) {
            violations.add(new FieldViolation("objective", "must be above 0 and below 100 (percent), e.g. 99.9"));
        } else if (objective.stripTrailingZeros().scale() > MAX_DECIMALS) {
            violations.add(new FieldViolation("objective", "must have at most 3 decimals"));
        }
        var period = request.period() == null ? null : SloPeriod.parse(request.period());
        if (period == null) {
            violations.add(new FieldViolation("period", "is required"));
        } else if (period.isEmpty()) {
            violations.add(new FieldViolation("period", "must be month, quarter or rolling_30d"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new Slo(objective.stripTrailingZeros().setScale(MAX_DECIMALS), period.orElseThrow());
    }
}
