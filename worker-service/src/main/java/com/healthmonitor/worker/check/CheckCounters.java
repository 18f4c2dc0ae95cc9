package com.healthmonitor.worker.check;

import com.healthmonitor.worker.state.Applied;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * Counts and times what happened to check messages, per context (no static state): checks by outcome, the check's
 * own duration by result, checks in flight, and the time from receiving a message to committing its result.
 */
@Component
public class CheckCounters {

    private final Map<Applied, LongAdder> outcomes = new EnumMap<>(Applied.class);
    private final LongAdder failures = new LongAdder();
    private final LongAdder unreadable = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Timer successfulChecks;
    private final Timer failedChecks;
    private final Timer receiveToCommit;

    CheckCounters(MeterRegistry meters) {
        for (Applied applied : Applied.values()) {
            LongAdder count = new LongAdder();
            outcomes.put(applied, count);
            outcome(applied.name().toLowerCase(Locale.ROOT), count, meters);
        }
        outcome("error", failures, meters);
        outcome("unreadable", unreadable, meters);
        successfulChecks = checkDuration("success", meters);
        failedChecks = checkDuration("failure", meters);
        receiveToCommit = Timer.builder("health_monitor.worker.receive_to_commit")
                .description("From receiving a check message to committing its result")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(meters);
        Gauge.builder("health_monitor.worker.in_flight", inFlight, AtomicInteger::get)
                .description("Check messages being processed")
                .register(meters);
    }

    private static void outcome(String name, LongAdder count, MeterRegistry meters) {
        FunctionCounter.builder("health_monitor.checks", count, LongAdder::doubleValue)
                .description("Check messages by what processing them did")
                .tag("outcome", name)
                .register(meters);
    }

    private static Timer checkDuration(String result, MeterRegistry meters) {
        return Timer.builder("health_monitor.check.duration")
                .description("Duration of the HTTP check itself")
                .tag("result", result)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(meters);
    }

    void record(Applied applied) {
        outcomes.get(applied).increment();
    }

    void recordCheck(boolean success, Duration duration) {
        (success ? successfulChecks : failedChecks).record(duration);
    }

    /** Marks a message as in flight; the returned sample ends with {@link #committed} or {@link #abandoned}. */
    Timer.Sample received() {
        inFlight.incrementAndGet();
        return Timer.start();
    }

    void committed(Timer.Sample received) {
        inFlight.decrementAndGet();
        received.stop(receiveToCommit);
    }

    void abandoned() {
        inFlight.decrementAndGet();
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
