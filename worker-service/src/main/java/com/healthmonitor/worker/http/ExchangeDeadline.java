package com.healthmonitor.worker.http;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The deadline of the exchange running on this thread, so that name resolution inside the HTTP client (which
 * gets no context) is bounded by the same deadline as the rest of the exchange.
 */
final class ExchangeDeadline {

    static final ScopedValue<Long> NANOS = ScopedValue.newInstance();

    private ExchangeDeadline() {}

    static Duration remainingOr(Duration fallback) throws TimeoutException {
        if (!NANOS.isBound()) {
            return fallback;
        }
        long left = NANOS.get() - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException();
        }
        return Duration.ofNanos(left);
    }
}
