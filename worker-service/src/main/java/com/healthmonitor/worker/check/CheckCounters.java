package com.healthmonitor.worker.check;

import com.healthmonitor.worker.state.Applied;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Counts what happened to check messages, per context (no static state). Exposed as
 * {@code health_monitor_checks_total{outcome=...}} when metrics are on.
 */
@Component
public class CheckCounters {

    private final Map<Applied, LongAdder> outcomes = new EnumMap<>(Applied.class);
    private final LongAdder failures = new LongAdder();
    private final LongAdder unreadable = new LongAdder();

    CheckCounters(ObjectProvider<MeterRegistry> registry) {
        for (Applied applied : Applied.values()) {
            outcomes.put(applied, new LongAdder());
        }
        registry.ifAvailable(meters -> {
            outcomes.forEach(
                    (applied, count) -> FunctionCounter.builder("health_monitor.checks", count, LongAdder::doubleValue)
                            .tag("outcome", applied.name().toLowerCase())
                            .register(meters));
            FunctionCounter.builder("health_monitor.checks", failures, LongAdder::doubleValue)
                    .tag("outcome", "error")
                    .register(meters);
            FunctionCounter.builder("health_monitor.checks", unreadable, LongAdder::doubleValue)
                    .tag("outcome", "unreadable")
                    .register(meters);
        });
    }

    void record(Applied applied) {
        outcomes.get(applied).increment();
    }

    void recordFailure() {
        failures.increment();
    }

    void recordUnreadable() {
        unreadable.increment();
    }

    public long count(Applied applied) {
        return outcomes.get(applied).sum();
    }

    /** Messages whose processing threw, so they stay on the queue. */
    public long failures() {
        return failures.sum();
    }

    public long unreadable() {
        return unreadable.sum();
    }
}
