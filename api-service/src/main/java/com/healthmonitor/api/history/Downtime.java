package com.healthmonitor.api.history;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Time spent DOWN in a window, and the number of transitions to DOWN in it. */
record Downtime(BigDecimal seconds, long incidents) {

    long roundedSeconds() {
        return seconds.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
