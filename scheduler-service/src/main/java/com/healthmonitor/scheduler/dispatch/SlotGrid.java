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
     * The slot after one sent at {@code now}. A slot served less than an interval late is followed by the next one
     * on the grid, exactly one interval after it, so load never costs a check; slots missed while the system was
     * down or overloaded are skipped, not replayed (no backlog burst), and the monitor rejoins its grid no sooner
     * than half an interval after this check; a slot off the grid (a new or resumed monitor's first check, or a
     * changed interval) joins it no sooner than half an interval later. Either way no check follows right behind
     * the one just sent after a gap.
     */
    static Instant next(long monitorId, int intervalSeconds, Instant slot, Instant now) {
        Duration interval = Duration.ofSeconds(intervalSeconds);
        Duration half = interval.dividedBy(2);
        boolean missedSlots = !now.isBefore(slot.plus(interval));
        Instant after = missedSlots ? now.plus(half) : later(now, slot.plus(half));
        long period = interval.toMillis();
        long phase = phaseMillis(monitorId, intervalSeconds);
        long periods = Math.floorDiv(after.toEpochMilli() - phase, period) + 1;
        return Instant.ofEpochMilli(periods * period + phase);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
