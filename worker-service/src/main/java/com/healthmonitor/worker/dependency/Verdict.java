package com.healthmonitor.worker.dependency;

import java.time.Instant;

/**
 * What a monitor's dependencies make of one of its status changes.
 *
 * @param action send the alert now, hold it, or suppress it
 * @param inGraph whether the monitor has dependencies or dependants at all
 * @param suppressedBy the DOWN dependency a suppressed alert is held back for
 * @param heldUntil when a held alert's wait is over
 */
public record Verdict(Action action, boolean inGraph, Long suppressedBy, Instant heldUntil) {

    /** A monitor with no dependencies and no dependants (or a change maintenance suppresses): nothing to decide. */
    public static final Verdict UNRELATED = new Verdict(Action.SEND, false, null, null);

    public enum Action {
        SEND,
        HOLD,
        SUPPRESS
    }

    static Verdict send() {
        return new Verdict(Action.SEND, true, null, null);
    }

    static Verdict hold(Instant until) {
        return new Verdict(Action.HOLD, true, null, until);
    }

    static Verdict suppress(long dependency) {
        return new Verdict(Action.SUPPRESS, true, dependency, null);
    }

    public boolean sendsNow() {
        return action == Action.SEND;
    }

    /** The status change's {@code delivery} before any alert is queued. */
    public String delivery() {
        return switch (action) {
            case SEND -> "NONE";
            case HOLD -> "HELD";
            case SUPPRESS -> "SUPPRESSED";
        };
    }
}
