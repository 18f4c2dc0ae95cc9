package com.healthmonitor.worker.dependency;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends the wait of held alerts (see {@link Dependencies}): every few seconds, on every worker, under the dependency
 * lock, so each held alert is sent or suppressed exactly once.
 */
@Component
class HeldAlertsJob {

    private static final Logger log = LoggerFactory.getLogger(HeldAlertsJob.class);
    private static final int BATCH = 100;

    private final Dependencies dependencies;
    private final Clock clock;
    private final TransactionTemplate transactions;

    HeldAlertsJob(Dependencies dependencies, Clock clock, TransactionTemplate transactions) {
        this.dependencies = dependencies;
        this.clock = clock;
        this.transactions = transactions;
    }

    @Scheduled(
            initialDelayString = "${health-monitor.dependencies.check-interval:2s}",
            fixedDelayString = "${health-monitor.dependencies.check-interval:2s}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("[DEPENDENCY] could not release held alerts, will retry: {}", e.toString());
        }
    }

    /** One pass at the clock's current time; returns how many held alerts it settled. */
    int run() {
        Instant now = clock.instant();
        int settled = 0;
        while (true) {
            // A look without the lock first: held alerts are rare, and most passes find none.
            if (dependencies.due(now, 1).isEmpty()) {
                return settled;
            }
            Integer round = transactions.execute(tx -> {
                dependencies.lock();
                List<Long> due = dependencies.due(now, BATCH);
                int released = 0;
                for (long change : due) {
                    if (dependencies.release(change)) {
                        released++;
                    }
                }
                return released;
            });
            if (round == null || round == 0) {
                return settled;
            }
            settled += round;
        }
    }
}
