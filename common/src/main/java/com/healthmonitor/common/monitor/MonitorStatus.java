package com.healthmonitor.common.monitor;

/** What Health Monitor currently believes about a monitored endpoint. */
public enum MonitorStatus {
    /** Not yet confirmed either way: a new monitor, before its first thresholds are met. */
    UNKNOWN,
    UP,
    DOWN,
    /**
     * Shown by the API while a maintenance window covers the monitor; never stored. In alerts it is the "old" status
     * of a monitor still DOWN when its window ends.
     */
    MAINTENANCE
}
