package com.healthmonitor.scheduler.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled whether the tick loop runs (tests drive the dispatcher themselves)
 * @param tick how often due monitors are claimed ({@code SCHEDULER_TICK})
 * @param claimLimit at most this many checks are sent per tick and instance ({@code SCHEDULER_CLAIM_LIMIT}), which
 *     also spreads the first checks of monitors created together
 * @param maxLateness a slot dispatched later than this is re-anchored to the dispatch time, so a backlog spreads
 *     out instead of firing again all at once one interval later
 */
@ConfigurationProperties("health-monitor.scheduler")
public record SchedulerProperties(boolean enabled, Duration tick, int claimLimit, Duration maxLateness) {

    public SchedulerProperties {
        if (tick == null || tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("SCHEDULER_TICK must be positive");
        }
        if (claimLimit < 1) {
            throw new IllegalArgumentException("SCHEDULER_CLAIM_LIMIT must be at least 1");
        }
    }
}
