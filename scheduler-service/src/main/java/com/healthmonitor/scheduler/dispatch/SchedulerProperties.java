package com.healthmonitor.scheduler.dispatch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the scheduler claims due monitors. Whether its tick loop runs at all is {@code health-monitor.scheduler.enabled}
 * (default true; tests drive the dispatcher themselves), read by {@link SchedulerLoop}.
 *
 * @param tick how often due monitors are claimed ({@code SCHEDULER_TICK})
 * @param claimLimit at most this many checks are sent per tick and instance ({@code SCHEDULER_CLAIM_LIMIT}), which
 *     also spreads the first checks of monitors created together
 * @param maxLateness a slot dispatched later than this is re-anchored to the dispatch time, so a backlog spreads
 *     out instead of firing again all at once one interval later
 */
@ConfigurationProperties("health-monitor.scheduler")
record SchedulerProperties(
        Duration tick, int claimLimit, @DefaultValue("2s") Duration maxLateness) {

    public SchedulerProperties {
        if (tick == null || tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("SCHEDULER_TICK must be positive");
        }
        if (claimLimit < 1) {
            throw new IllegalArgumentException("SCHEDULER_CLAIM_LIMIT must be at least 1");
        }
    }
}
