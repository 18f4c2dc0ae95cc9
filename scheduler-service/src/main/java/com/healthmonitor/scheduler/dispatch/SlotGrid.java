package com.healthmonitor.scheduler.dispatch;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a monitor's slots lie. Each monitor has its own phase within its interval, derived from its id, and its
 * slots are the instants {@code phase + k * interval} (epoch milliseconds). Monitors created together, or all made
 * late by an outage, therefore land on different instants spread over their interval instead of firing together
 * for ever; and because the grid is fixed, the schedule never drifts.
 */
final class SlotGrid {

    /**
     * Knuth's multiplicative hash (2^32 divided by the golden ratio): consecutive ids land far apart in the
     * interval and, for the intervals the API allows, on distinct milliseconds.
     */
    private static final long GOLDEN = 2_654_435_761L;

    private SlotGrid() {}

    /** The monitor's offset within its interval, in milliseconds: in {@code [0, interval)}. */
    static long phaseMillis(long monitorId, int intervalSeconds) {
        return Math.floorMod(monitorId * GOLDEN, intervalSeconds * 1000L);
    }

    /**
     * The slot after one sent at {@code now}: the first grid instant after both {@code now} and half an interval
     * past the sent slot. A slot on the grid served in time is followed by the next one, exactly one interval later;
     * slots missed while the system was down or overloaded are skipped, not replayed (no backlog burst); a slot off
     * the grid (a new or resumed monitor's first check, or a changed interval) joins the grid no sooner than half an
     * interval later, so its second check does not follow right behind its first.
     */
    static Instant next(long monitorId, int intervalSeconds, Instant slot, Instant now) {
        Duration interval = Duration.ofSeconds(intervalSeconds);
        Instant after = later(now, slot.plus(interval.dividedBy(2)));
        long period = interval.toMillis();
        long phase = phaseMillis(monitorId, intervalSeconds);
        long periods = Math.floorDiv(after.toEpochMilli() - phase, period) + 1;
        return Instant.ofEpochMilli(periods * period + phase);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
