package com.healthmonitor.worker.state;

/** What applying a check result did; every case acknowledges the message. */
public enum Applied {
    /** Recorded and applied to the monitor's state, no status change. */
    APPLIED,
    /** Recorded, applied, and the status changed (a status_changes row was written). */
    TRANSITIONED,
    /** The monitor was deleted or disabled: nothing written. */
    MONITOR_GONE,
    /**
     * The slot passed more than two intervals (at least a minute) ago, e.g. a backlog after an outage: a newer check
     * of the monitor is queued already, so this one is dropped instead of hammering the target. Nothing written.
     */
    EXPIRED,
    /** The check was scheduled with an older configuration: nothing written. */
    CONFIG_CHANGED,
    /** This monitor and slot were already recorded (SQS redelivery): nothing changed. */
    DUPLICATE,
    /** Recorded in the history, but a newer slot was already applied: state unchanged. */
    STALE,
    /**
     * Recorded; the slot of a monitor checked from several locations waits for the other locations' results (or
     * their deadline) before it counts.
     */
    AWAITING_LOCATIONS
}
