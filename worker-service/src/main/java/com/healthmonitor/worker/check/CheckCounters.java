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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * Counts and times what happened to checks, per context (no static state), one count per check whether it came
 * alone or in a batch: checks by outcome, the check's own duration by result, checks in flight, and the time from
 * receiving a check's message to committing its result. Unreadable messages are counted per message.
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
                .description("From receiving a check's message to committing its result")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(meters);
        Gauge.builder("health_monitor.worker.in_flight", inFlight, AtomicInteger::get)
                .description("Checks received and not yet committed (waiting for a permit, checking or being applied)")
                .register(meters);
    }

    private static void outcome(String name, LongAdder count, MeterRegistry meters) {
        FunctionCounter.builder("health_monitor.checks", count, LongAdder::doubleValue)
                .description("Checks by what processing them did")
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

    public void record(Applied applied) {
        outcomes.get(applied).increment();
    }

    public void recordCheck(boolean success, Duration duration) {
        (success ? successfulChecks : failedChecks).record(duration);
    }

    /**
     * Marks the checks of a message as in flight; the returned sample ends with {@link #committed} or
     * {@link #abandoned}.
     */
    public Timer.Sample received(int checks) {
        inFlight.addAndGet(checks);
        return Timer.start();
    }

    /** The message's checks are committed: each is timed from receiving the message to the commit. */
    public void committed(Timer.Sample received, int checks) {
        inFlight.addAndGet(-checks);
        long nanos = received.stop(receiveToCommit);
        for (int i = 1; i < checks; i++) {
            receiveToCommit.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The message's processing threw: its checks were not recorded and come back with the message. */
    public void abandoned(int checks) {
        inFlight.addAndGet(-checks);
        failures.add(checks);
    }

    public void recordUnreadable() {
        unreadable.increment();
    }

    public long count(Applied applied) {
        return outcomes.get(applied).sum();
    }

    /** Checks whose message's processing threw, so they stay on the queue. */
    public long failures() {
        return failures.sum();
    }

    public long unreadable() {
        return unreadable.sum();
    }
}
