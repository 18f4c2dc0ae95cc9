package com.healthmonitor.scheduler.dispatch;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the dispatcher every tick, and again at once after each full round, so that the claim limit bounds a
 * transaction but not the rate: a tick ends only when nothing more is due (or the queue refused part of a round). A database or queue outage is logged once when it starts and once when it
 * ends, and the loop keeps going, so the service recovers by itself.
 */
@Component
@ConditionalOnBooleanProperty(name = "health-monitor.scheduler.enabled", matchIfMissing = true)
class SchedulerLoop {

    private static final Logger log = LoggerFactory.getLogger(SchedulerLoop.class);

    private final CheckDispatcher dispatcher;
    private final int claimLimit;
    private final AtomicBoolean failing = new AtomicBoolean();

    SchedulerLoop(CheckDispatcher dispatcher, SchedulerProperties properties) {
        this.dispatcher = dispatcher;
        this.claimLimit = properties.claimLimit();
    }

    @Scheduled(fixedDelayString = "${health-monitor.scheduler.tick}")
    void tick() {
        try {
            int sent = 0;
            int round;
            do {
                round = dispatcher.dispatchDue();
                sent += round;
            } while (round >= claimLimit);
            if (failing.compareAndSet(true, false)) {
                log.info("[SCHEDULER] dispatching again");
            }
            if (sent > 0) {
                log.debug("[SCHEDULER] sent {} checks", sent);
            }
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                log.error("[SCHEDULER] cannot dispatch checks, retrying every tick: {}", e.toString());
            }
        }
    }
}
