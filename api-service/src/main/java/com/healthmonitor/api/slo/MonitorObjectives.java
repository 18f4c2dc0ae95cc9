package com.healthmonitor.api.slo;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Monitors' objectives for the configuration document, where a monitor's {@code slo} is one of its fields: read,
 * checked exactly as {@code PUT /monitors/{id}/slo} checks them, set and removed.
 */
@Component
public class MonitorObjectives {

    private final SloRepository slos;

    MonitorObjectives(SloRepository slos) {
        this.slos = slos;
    }

    /**
     * An objective as a document writes it, {@code {"objective": 99.900, "period": "month"}}, and as a request gives
     * it (unchecked then).
     */
    public record Objective(BigDecimal objective, String period) {}

    /** Every monitor's objective, by monitor id. */
    public Map<Long, Objective> all() {
        Map<Long, Objective> all = new HashMap<>();
        slos.monitorObjectives().forEach((id, slo) -> all.put(id, of(slo)));
        return all;
    }

    public Optional<Objective> find(long monitorId) {
        return slos.find(monitorId).map(MonitorObjectives::of);
    }

    /** The objective as stored (3 decimals); a 400 naming {@code objective} or {@code period} when it is not valid. */
    public Objective validate(Objective given) {
        return of(SloService.validate(new SloRequest(given.objective(), given.period())));
    }

    public void set(long monitorId, Objective objective) {
        slos.upsert(monitorId, SloService.validate(new SloRequest(objective.objective(), objective.period())));
    }

    public void remove(long monitorId) {
        slos.delete(monitorId);
    }

    private static Objective of(Slo slo) {
        return new Objective(slo.objective(), slo.period().value());
    }
}
