package com.healthmonitor.scheduler.dispatch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the scheduler claims due monitors. Whether its tick loop runs at all is {@code health-monitor.scheduler.enabled}
 * (default true; tests drive the dispatcher themselves), read by {@link SchedulerLoop}.
 *
 * @param tick how long the scheduler waits, once nothing more is due, before it looks again ({@code SCHEDULER_TICK});
 *     it bounds the schedule lag of a check on an idle system
 * @param claimLimit at most this many checks are claimed and sent in one transaction ({@code SCHEDULER_CLAIM_LIMIT});
 *     after a full claim the scheduler claims again at once, so this bounds a batch, not the rate
 * @param checksPerMessage at most this many checks travel in one queue message ({@code SCHEDULER_CHECKS_PER_MESSAGE});
 *     fewer when their encoded size reaches SQS's 256 KiB
 */
@ConfigurationProperties("health-monitor.scheduler")
record SchedulerProperties(Duration tick, int claimLimit, int checksPerMessage) {

    public SchedulerProperties {
        if (tick == null || tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("SCHEDULER_TICK must be positive");
        }
        if (claimLimit < 1) {
            throw new IllegalArgumentException("SCHEDULER_CLAIM_LIMIT must be at least 1");
        }
        if (checksPerMessage < 1) {
            throw new IllegalArgumentException("SCHEDULER_CHECKS_PER_MESSAGE must be at least 1");
        }
    }
}
