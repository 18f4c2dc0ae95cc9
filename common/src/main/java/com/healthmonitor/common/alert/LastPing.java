package com.healthmonitor.common.alert;

import java.time.Instant;

/**
 * A heartbeat's last ping when one of its results was made, for its alerts' {@code Last ping} line.
 *
 * @param at when the job last reported, null when it never did
 */
public record LastPing(Instant at) {}
