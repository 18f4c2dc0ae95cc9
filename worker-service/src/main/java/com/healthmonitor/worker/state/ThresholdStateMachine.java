package com.healthmonitor.worker.state;

import com.healthmonitor.common.monitor.MonitorStatus;
import java.util.Optional;

/**
 * Applies one check result to a monitor's state. Pure: no I/O, no clock, safe to share.
 *
 * <p>A success resets the failure count and adds one to the success count, a failure the reverse. Reaching the
 * failure threshold moves any other status to DOWN, reaching the success threshold moves any other status to UP;
 * staying in a status is never a transition, so alerts fire only on real changes.
 *
 * <p>A monitor may set its own thresholds; the worker's apply when it does not. The counters do not depend on the
 * thresholds, so a changed threshold takes effect at the next result and never causes a transition by itself.
 */
public final class ThresholdStateMachine {

    private final Thresholds defaults;

    public ThresholdStateMachine(Thresholds defaults) {
        this.defaults = defaults;
    }

    /** The monitor's own thresholds where it has them (null: the worker's default). */
    public Thresholds thresholds(Integer failThreshold, Integer successThreshold) {
        return new Thresholds(
                failThreshold == null ? defaults.failures() : failThreshold,
                successThreshold == null ? defaults.successes() : successThreshold);
    }

    /** Applies a result with the worker's default thresholds. */
    public Outcome apply(MonitorState current, boolean success) {
        return apply(current, success, defaults);
    }

    public Outcome apply(MonitorState current, boolean success, Thresholds thresholds) {
        MonitorState counted = success
                ? new MonitorState(current.status(), 0, increment(current.consecutiveSuccesses()))
                : new MonitorState(current.status(), increment(current.consecutiveFailures()), 0);
        MonitorStatus target = target(counted, success, thresholds);
        if (target == current.status()) {
            return new Outcome(counted, Optional.empty());
        }
        return new Outcome(
                new MonitorState(target, counted.consecutiveFailures(), counted.consecutiveSuccesses()),
                Optional.of(new Transition(current.status(), target)));
    }

    private static MonitorStatus target(MonitorState counted, boolean success, Thresholds thresholds) {
        if (success && counted.consecutiveSuccesses() >= thresholds.successes()) {
            return MonitorStatus.UP;
        }
        if (!success && counted.consecutiveFailures() >= thresholds.failures()) {
            return MonitorStatus.DOWN;
        }
        return counted.status();
    }

    // Saturates instead of wrapping: a monitor up for years must not overflow into a negative count (which the
    // table's CHECK would reject) or back below the threshold.
    private static int increment(int count) {
        return count == Integer.MAX_VALUE ? count : count + 1;
    }

    /** The state after a result, and the transition it caused, if any. */
    public record Outcome(MonitorState state, Optional<Transition> transition) {}
}
