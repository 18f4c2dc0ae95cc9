package com.healthmonitor.worker.state;

import com.healthmonitor.common.monitor.MonitorStatus;

/** A status change worth an alert: {@code UNKNOWN -> UP}, {@code UP -> DOWN}, {@code DOWN -> UP}, ... */
public record Transition(MonitorStatus from, MonitorStatus to) {

    public Transition {
        if (from == to) {
            throw new IllegalArgumentException("not a transition: " + from + " -> " + to);
        }
    }

    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
