package com.healthmonitor.api.history;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A monitor's uptime over the last 24 hours and 30 days (see {@link WindowPlan#recent}), in percent with 3 decimals,
 * null without checks.
 */
public record Uptimes(BigDecimal uptime24h, BigDecimal uptime30d) {

    public static final Uptimes NONE = new Uptimes(null, null);

    /** The one definition of uptime: successful over all checks in percent, 3 decimals, null without checks. */
    public static BigDecimal percent(long checks, long failures) {
        if (checks == 0) {
            return null;
        }
        return BigDecimal.valueOf(checks - failures)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(checks), 3, RoundingMode.HALF_UP);
    }
}
