package com.healthmonitor.scheduler.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What an operator watches the scheduler by: checks sent, how long a dispatch round takes, how late each check
 * left compared with its slot (the schedule lag), and how many checks are due but not sent yet (the backlog).
 */
@Component
class SchedulerMetrics {

    private final Counter dispatched;
    private final Timer dispatch;
    private final Timer lag;
    private final AtomicLong backlog = new AtomicLong();
    private final DueMonitors dueMonitors;
    private final Clock clock;

    SchedulerMetrics(MeterRegistry registry, DueMonitors dueMonitors, Clock clock) {
        this.dueMonitors = dueMonitors;
        this.clock = clock;
        dispatched = Counter.builder("health_monitor.scheduler.dispatched")
                .description("Checks sent to the queue")
                .register(registry);
        dispatch = Timer.builder("health_monitor.scheduler.dispatch")
                .description("Duration of one dispatch round: claim, send, advance")
                .register(registry);
        lag = Timer.builder("health_monitor.scheduler.lag")
                .description("How late a check was sent compared with its slot")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        Gauge.builder("health_monitor.scheduler.backlog", backlog, AtomicLong::get)
                .description("Checks due but not sent yet, as of the last refresh")
                .register(registry);
    }

    Timer.Sample startDispatch() {
        return Timer.start();
    }

    void dispatched(Timer.Sample round, Collection<Instant> sentSlots) {
        round.stop(dispatch);
        dispatched.increment(sentSlots.size());
        Instant now = clock.instant();
        for (Instant slot : sentSlots) {
            Duration late = Duration.between(slot, now);
            lag.record(late.isNegative() ? Duration.ZERO : late);
        }
    }

    @Scheduled(fixedDelayString = "${health-monitor.scheduler.backlog-refresh:10s}")
    void refreshBacklog() {
        try {
            backlog.set(dueMonitors.countDue(clock.instant()));
        } catch (RuntimeException e) {
            // The gauge keeps its last value; the loop itself reports the database outage.
        }
    }
}
