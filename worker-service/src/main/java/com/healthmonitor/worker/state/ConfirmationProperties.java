package com.healthmonitor.worker.state;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Confirmation of a slot across a monitor's locations.
 *
 * @param margin how long after a slot plus the check's timeout the results of the other locations are awaited
 *     ({@code CONFIRMATION_MARGIN}); later, a missing result counts as unknown. It covers queueing and the
 *     results' way back from remote locations
 */
@ConfigurationProperties("health-monitor.confirmation")
record ConfirmationProperties(Duration margin) {

    public ConfirmationProperties {
        if (margin == null || margin.isNegative()) {
            throw new IllegalArgumentException("CONFIRMATION_MARGIN cannot be negative");
        }
    }
}
