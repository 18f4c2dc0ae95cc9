package com.healthmonitor.worker.state;

import com.healthmonitor.common.monitor.MonitorStatus;
import java.util.Objects;

/** The part of a monitor's row the threshold state machine reads and writes. */
public record MonitorState(MonitorStatus status, int consecutiveFailures, int consecutiveSuccesses) {

    public static final MonitorState INITIAL = new MonitorState(MonitorStatus.UNKNOWN, 0, 0);

    public MonitorState {
        Objects.requireNonNull(status, "status");
        if (consecutiveFailures < 0 || consecutiveSuccesses < 0) {
            throw new IllegalArgumentException("counters cannot be negative");
        }
    }
}
