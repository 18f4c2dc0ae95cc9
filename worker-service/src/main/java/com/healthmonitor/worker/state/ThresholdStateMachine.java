package com.healthmonitor.worker.state;

import com.healthmonitor.common.monitor.MonitorStatus;
import java.util.Optional;

/**
 * Applies one check result to a monitor's state. Pure: no I/O, no clock, safe to share.
 *
 * <p>A success resets the failure count and adds one to the success count, a failure the reverse. Reaching the
 * failure threshold moves any other status to DOWN, reaching the success threshold moves any other status to UP;
 * staying in a status is never a transition, so alerts fire only on real changes.
 */
public final class ThresholdStateMachine {

    private final Thresholds thresholds;

    public ThresholdStateMachine(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public Outcome apply(MonitorState current, boolean success) {
        MonitorState counted = success
                ? new MonitorState(current.status(), 0, increment(current.consecutiveSuccesses()))
                : new MonitorState(current.status(), increment(current.consecutiveFailures()), 0);
        MonitorStatus target = target(counted, success);
        if (target == current.status()) {
            return new Outcome(counted, Optional.empty());
        }
        return new Outcome(
                new MonitorState(target, counted.consecutiveFailures(), counted.consecutiveSuccesses()),
                Optional.of(new Transition(current.status(), target)));
    }

    private MonitorStatus target(MonitorState counted, boolean success) {
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
