package com.healthmonitor.scheduler.dispatch;

import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims the due monitors and sends one check per monitor and slot. Claim and send happen in one transaction:
 * a monitor whose message SQS did not accept keeps its slot and goes out in a later round; if the commit fails
 * after the send, the slot is sent again and the worker recognises the duplicate by monitor and slot.
 */
@Service
public class CheckDispatcher {

    private final DueMonitors dueMonitors;
    private final CheckPublisher publisher;
    private final SchedulerProperties properties;
    private final SchedulerMetrics metrics;
    private final Clock clock;

    CheckDispatcher(
            DueMonitors dueMonitors,
            CheckPublisher publisher,
            SchedulerProperties properties,
            SchedulerMetrics metrics,
            Clock clock) {
        this.dueMonitors = dueMonitors;
        this.publisher = publisher;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** One round of at most the claim limit: returns the number of checks sent. */
    @Transactional
    public int dispatchDue() {
        Timer.Sample round = metrics.startDispatch();
        Instant now = clock.instant();
        List<DueMonitor> due = dueMonitors.lock(properties.claimLimit(), now);
        if (due.isEmpty()) {
            return 0;
        }
        Set<Long> sent = publisher.publish(due);
        Map<Long, Instant> nextSlots = new HashMap<>();
        List<Instant> sentSlots = new ArrayList<>();
        for (DueMonitor monitor : due) {
            if (sent.contains(monitor.id())) {
                nextSlots.put(monitor.id(), monitor.nextSlot(now));
                sentSlots.add(monitor.slot());
            }
        }
        dueMonitors.advance(nextSlots);
        metrics.dispatched(round, sentSlots);
        return sent.size();
    }
}
