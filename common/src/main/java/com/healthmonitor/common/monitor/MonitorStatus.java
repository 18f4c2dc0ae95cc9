package com.healthmonitor.common.monitor;

/** What Health Monitor currently believes about a monitored endpoint. */
public enum MonitorStatus {
    /** Not yet confirmed either way: a new monitor, before its first thresholds are met. */
    UNKNOWN,
    UP,
    DOWN
}
