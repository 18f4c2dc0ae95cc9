package com.healthmonitor.api.slo;

import java.time.Duration;
import java.time.Instant;

/** A half-open period [from, to). */
record Interval(Instant from, Instant to) {

    boolean isEmpty() {
        return !from.isBefore(to);
    }

    Duration length() {
        return isEmpty() ? Duration.ZERO : Duration.between(from, to);
    }
}
