package com.healthmonitor.worker.dependency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alert dependencies.
 *
 * @param maxHold longest an alert waits for its dependencies or dependants to go DOWN with it: the window is one check
 *     interval (the longest among the monitor and those it is related to), at most this
 * @param checkInterval how often held alerts whose wait is over are looked for
 */
@ConfigurationProperties("health-monitor.dependencies")
record DependencyProperties(
        @DefaultValue("5m") Duration maxHold,
        @DefaultValue("2s") Duration checkInterval) {

    DependencyProperties {
        if (maxHold.isNegative() || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("dependency max-hold and check-interval must be positive");
        }
    }
}
