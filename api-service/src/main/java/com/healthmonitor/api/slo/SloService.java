package com.healthmonitor.api.slo;

import com.healthmonitor.api.history.UptimeRepository;
import com.healthmonitor.api.slo.SloRepository.MonitorFacts;
import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import com.healthmonitor.api.web.MonitorNotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** A monitor's objective and its report over the current period. */
@Service
class SloService {

    private static final int MAX_DECIMALS = 3;

    private final SloRepository slos;
    private final UptimeRepository uptimes;
    private final Clock clock;

    SloService(SloRepository slos, UptimeRepository uptimes, Clock clock) {
        this.slos = slos;
        this.uptimes = uptimes;
        this.clock = clock;
    }

    @Transactional
    SloReport replace(long monitorId, SloRequest request) {
        Slo slo = validate(request);
        MonitorFacts monitor = slos.monitor(monitorId).orElseThrow(() -> new MonitorNotFoundException(monitorId));
        slos.upsert(monitorId, slo);
        return report(monitorId, monitor, slo);
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    SloReport report(long monitorId) {
        MonitorFacts monitor = slos.monitor(monitorId).orElseThrow(() -> new MonitorNotFoundException(monitorId));
        Slo slo = slos.find(monitorId).orElseThrow(() -> new SloNotFoundException(monitorId));
        return report(monitorId, monitor, slo);
    }

    @Transactional
    void delete(long monitorId) {
        if (!slos.delete(monitorId) && slos.monitor(monitorId).isEmpty()) {
            throw new MonitorNotFoundException(monitorId);
        }
    }

    private SloReport report(long monitorId, MonitorFacts monitor, Slo slo) {
        Instant now = clock.instant();
        ErrorBudget budget = new ErrorBudget(
                slo.objective(), slo.period().bounds(now), monitor.createdAt(), monitor.intervalSeconds());
        Instant from = budget.measured().from();
        Instant sofar = now.isBefore(from) ? from : now;
        List<Interval> maintenance = slos.maintenanceWindows(monitorId).stream()
                .flatMap(w -> MaintenanceOccurrences.between(w, from, sofar).stream())
                .toList();
        return budget.report(
                slo.period().value(),
                now,
                uptimes.counts(monitorId, from, sofar),
                slos.down(monitorId, from, sofar),
                maintenance,
                uptimes.counts(monitorId, now.minus(Duration.ofHours(1)), now),
                uptimes.counts(monitorId, now.minus(Duration.ofHours(6)), now));
    }

    private static Slo validate(SloRequest request) {
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
