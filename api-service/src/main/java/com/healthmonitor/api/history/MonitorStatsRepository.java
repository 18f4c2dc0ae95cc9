package com.healthmonitor.api.history;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One monitor's totals over a {@link WindowPlan}: its daily rollups for the whole days, hourly rollups for the whole
 * hours, raw results for the partial hours at the edges; downtime from the daily rollups and, outside them, from the
 * status changes.
 */
@Repository
class MonitorStatsRepository {

    private final JdbcClient jdbc;
    private final MaintenanceDowntime maintenance;

    MonitorStatsRepository(JdbcClient jdbc, MaintenanceDowntime maintenance) {
        this.jdbc = jdbc;
        this.maintenance = maintenance;
    }

    WindowTotals totals(long id, WindowPlan plan) {
        // Results taken during maintenance stay out, as they stay out of the rollups; latency statistics cover the
        // checks whose target answered.
        return jdbc.sql("SELECT " + WindowTotals.SUMS + """
                         FROM (
                            SELECT r.checks, r.failures, r.latency_count, r.latency_sum, r.latency_min,
                                   r.latency_max, r.latency_histogram
                            FROM check_rollups_daily r
                            JOIN unnest(CAST(:daily_from AS timestamptz[]), CAST(:daily_to AS timestamptz[]))
                                AS s (span_from, span_to) ON r.day >= s.span_from AND r.day < s.span_to
                            WHERE r.monitor_id = :id
                            UNION ALL
                            SELECT r.checks, r.failures, r.latency_count, r.latency_sum, r.latency_min,
                                   r.latency_max, r.latency_histogram
                            FROM check_rollups_hourly r
                            JOIN unnest(CAST(:hourly_from AS timestamptz[]), CAST(:hourly_to AS timestamptz[]))
                                AS s (span_from, span_to) ON r.hour >= s.span_from AND r.hour < s.span_to
                            WHERE r.monitor_id = :id
                            UNION ALL
                            SELECT 1, CASE WHEN r.confirmed_failure THEN 1 ELSE 0 END,
                                   CASE WHEN r.responded THEN 1 ELSE 0 END,
                                   CASE WHEN r.responded THEN r.latency_ms ELSE 0 END,
                                   CASE WHEN r.responded THEN r.latency_ms END,
                                   CASE WHEN r.responded THEN r.latency_ms END,
                                   latency_histogram(CASE WHEN r.responded THEN r.latency_ms END)
                            FROM (
                                -- As in the rollups: a result counts as failed when its slot was, i.e. when at
                                -- least min_failing_locations locations failed it (one location: when it failed).
                                SELECT r.responded, r.latency_ms,
                                       count(*) FILTER (WHERE NOT r.success) OVER (PARTITION BY r.slot)
                                           >= m.min_failing_locations AS confirmed_failure
                                FROM check_results r
                                JOIN monitors m ON m.id = r.monitor_id
                                JOIN unnest(CAST(:raw_from AS timestamptz[]), CAST(:raw_to AS timestamptz[]))
                                    AS s (span_from, span_to) ON r.slot >= s.span_from AND r.slot < s.span_to
                                WHERE r.monitor_id = :id AND NOT r.in_maintenance) r) parts""")
                .param("id", id)
                .params(SpanParameters.of("daily", plan.dailySpans()))
                .params(SpanParameters.of("hourly", plan.hourly()))
                .params(SpanParameters.of("raw", plan.raw()))
                .query((rs, n) -> WindowTotals.read(rs))
                .single();
    }

    /**
     * Each location's totals over a span of raw results, every result as it came (a location's own view).
     *
     * @param location only this one; null: every location
     */
    Map<String, WindowTotals> locationTotals(long id, WindowPlan.Span span, String location) {
        Map<String, WindowTotals> totals = new TreeMap<>();
        jdbc.sql("SELECT location, " + WindowTotals.SUMS + """
                         FROM (
                            SELECT r.location, 1 AS checks, CASE WHEN r.success THEN 0 ELSE 1 END AS failures,
                                   CASE WHEN r.responded THEN 1 ELSE 0 END AS latency_count,
                                   CASE WHEN r.responded THEN r.latency_ms ELSE 0 END AS latency_sum,
                                   CASE WHEN r.responded THEN r.latency_ms END AS latency_min,
                                   CASE WHEN r.responded THEN r.latency_ms END AS latency_max,
                                   latency_histogram(CASE WHEN r.responded THEN r.latency_ms END) AS latency_histogram
                            FROM check_results r
                            WHERE r.monitor_id = :id AND NOT r.in_maintenance
                              AND r.slot >= CAST(:from AS timestamptz) AND r.slot < CAST(:to AS timestamptz)
                              AND (CAST(:location AS text) IS NULL OR r.location = :location)) parts
                        GROUP BY location""")
                .param("id", id)
                .param("from", span.from().toString())
                .param("to", span.to().toString())
                .param("location", location)
                .query((rs, n) -> totals.put(rs.getString("location"), WindowTotals.read(rs)))
                .list();
        return totals;
    }

    /** Time DOWN and transitions to DOWN, both outside maintenance windows. */
    Downtime downtime(long id, WindowPlan plan) {
        Downtime recorded = jdbc.sql("""
                        SELECT coalesce(sum(downtime_seconds), 0) AS downtime_seconds,
                               coalesce(sum(incidents), 0) AS incidents
                        FROM (
                            SELECT r.downtime_seconds, r.incidents FROM check_rollups_daily r
                            JOIN unnest(CAST(:daily_from AS timestamptz[]), CAST(:daily_to AS timestamptz[]))
                                AS s (span_from, span_to) ON r.day >= s.span_from AND r.day < s.span_to
                            WHERE r.monitor_id = :id
                            UNION ALL
                            SELECT d.downtime_seconds, d.incidents
                            FROM unnest(CAST(:changes_from AS timestamptz[]), CAST(:changes_to AS timestamptz[]))
                                AS s (span_from, span_to),
                                 LATERAL monitor_downtime(ARRAY[CAST(:id AS bigint)], s.span_from, s.span_to) d) parts""")
                .param("id", id)
                .params(SpanParameters.of("daily", plan.dailySpans()))
                .params(SpanParameters.of("changes", plan.statusChanges()))
                .query((rs, n) -> new Downtime(rs.getBigDecimal("downtime_seconds"), rs.getLong("incidents")))
                .single();
        return recorded.minus(maintenance.monitor(id, plan.from(), plan.to()));
    }
}
