package com.healthmonitor.common.alert;

/** What an alert is about. */
public enum AlertKind {
    /** A monitor changed status. */
    STATUS_CHANGE,
    /** A monitored certificate is about to expire. */
    TLS_EXPIRY,
    /** A monitor is still DOWN. */
    REMINDER,
    /** The daily summary. */
    SUMMARY,
    /** A test message asked for through the API. */
    TEST,
    /** A monitor's SLO error budget burns too fast (written as message version 2: older readers leave it pending). */
    BURN_RATE
}
