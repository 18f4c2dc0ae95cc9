package com.healthmonitor.api.history;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Time spent DOWN in a window, and the number of transitions to DOWN in it. */
record Downtime(BigDecimal seconds, long incidents) {

    static final Downtime NONE = new Downtime(BigDecimal.ZERO, 0);

    /** This downtime without {@code part} of it (the part inside maintenance). */
    Downtime minus(Downtime part) {
        return new Downtime(
                seconds.subtract(part.seconds).max(BigDecimal.ZERO), Math.max(0, incidents - part.incidents));
    }

    long roundedSeconds() {
        return seconds.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
