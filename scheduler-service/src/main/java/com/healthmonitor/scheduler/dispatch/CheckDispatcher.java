package com.healthmonitor.scheduler.dispatch;

import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims the due monitors and sends one check per monitor and slot. Claim and send happen in one transaction:
 * a monitor whose message SQS did not accept keeps its slot and goes out on a later tick; if the commit fails
 * after the send, the slot is sent again and the worker recognises the duplicate by monitor and slot.
 */
@Service
public class CheckDispatcher {

    private final DueMonitors dueMonitors;
    private final CheckPublisher publisher;
    private final SchedulerProperties properties;
    private final SchedulerMetrics metrics;

    CheckDispatcher(
            DueMonitors dueMonitors,
            CheckPublisher publisher,
            SchedulerProperties properties,
            SchedulerMetrics metrics) {
        this.dueMonitors = dueMonitors;
        this.publisher = publisher;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** One tick: returns the number of checks sent. */
    @Transactional
    public int dispatchDue() {
        Timer.Sample round = metrics.startDispatch();
        List<DueMonitor> due = dueMonitors.lock(properties.claimLimit());
        if (due.isEmpty()) {
            return 0;
        }
        Set<Long> sent = publisher.publish(due);
        dueMonitors.advance(sent, properties.maxLateness());
        metrics.dispatched(
                round,
                due.stream()
                        .filter(monitor -> sent.contains(monitor.id()))
                        .map(DueMonitor::slot)
                        .toList());
        return sent.size();
    }
}
