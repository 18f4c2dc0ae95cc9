package com.healthmonitor.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one test clock: time stands still until the test sets or advances it. Declared as a context's {@code Clock}
 * bean it replaces the services' system clock (common's ClockAutoConfiguration backs off); UTC only, as the
 * services read time.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    /** At 2026-01-01T00:00:00Z, for tests that only move time relative to where it starts. */
    public MutableClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public MutableClock(Instant start) {
        now = new AtomicReference<>(start);
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone.normalized())) {
            return this;
        }
        throw new UnsupportedOperationException("UTC only, as the services read time");
    }
}
