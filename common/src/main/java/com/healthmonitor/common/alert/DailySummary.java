package com.healthmonitor.common.alert;

import java.time.LocalDate;
import java.util.List;

/**
 * What the daily summary reports about the last 24 hours.
 *
 * @param date the local date the summary is for
 * @param up monitors UP now
 * @param down monitors DOWN now
 * @param other monitors neither (UNKNOWN, disabled)
 * @param incidents monitors that were DOWN within the last 24 h, longest downtime first
 * @param worstUptimes the lowest uptimes over the last 24 h
 * @param slowest the highest p95 latencies over the last 24 h
 */
public record DailySummary(
        LocalDate date,
        int up,
        int down,
        int other,
        List<Incident> incidents,
        List<Uptime> worstUptimes,
        List<Latency> slowest) {

    /** A monitor that was DOWN: for how long in total and how many times it went DOWN. */
    public record Incident(long monitorId, String name, long downtimeSeconds, int incidents) {}

    public record Uptime(long monitorId, String name, double percent) {}

    public record Latency(long monitorId, String name, int p95Ms) {}
}
