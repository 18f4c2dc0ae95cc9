package com.healthmonitor.api.history;

import java.math.BigDecimal;

/**
 * A monitor's uptime over the last 24 hours and 30 days, in percent with 3 decimals, null without checks. Read from
 * the rollups only, so a page of monitors costs one query: the windows start at the beginning of the hour 24 h
 * (30 d) ago and include the current hour.
 */
public record Uptimes(BigDecimal uptime24h, BigDecimal uptime30d) {

    public static final Uptimes NONE = new Uptimes(null, null);
}
