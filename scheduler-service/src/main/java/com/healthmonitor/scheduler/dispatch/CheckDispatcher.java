package com.healthmonitor.scheduler.dispatch;

import com.healthmonitor.scheduler.config.SchedulerProperties;
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

    CheckDispatcher(DueMonitors dueMonitors, CheckPublisher publisher, SchedulerProperties properties) {
        this.dueMonitors = dueMonitors;
        this.publisher = publisher;
        this.properties = properties;
    }

    /** One tick: returns the number of checks sent. */
    @Transactional
    public int dispatchDue() {
        List<DueMonitor> due = dueMonitors.lock(properties.claimLimit());
        if (due.isEmpty()) {
            return 0;
        }
        Set<Long> sent = publisher.publish(due);
        dueMonitors.advance(sent, properties.maxLateness());
        return sent.size();
    }
}
