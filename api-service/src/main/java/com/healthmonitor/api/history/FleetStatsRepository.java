package com.healthmonitor.api.history;

import com.healthmonitor.common.database.Timestamps;
import com.healthmonitor.common.monitor.MonitorStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The enabled monitors' totals over a {@link WindowPlan}, from the fleet rollups (V12: the sums of all monitors'
 * rollups per hour and day, kept by triggers), so that a request reads a few dozen rows whatever the fleet's size.
 * Fleet rollups have no raw part: fleet windows are whole hours ({@link #hours}).
 *
 * <p>With tags, only the enabled monitors that have them count ({@code tags} as {@code GET /monitors?tag=} matches
 * them). The fleet rollups are sums over every monitor, so a tagged window sums the tagged monitors' own rollups
 * instead: its cost grows with the tagged monitors (about 24 rows each for a day, 30 for a month), not the fleet.
 */
@Repository
class FleetStatsRepository {

    private final JdbcClient jdbc;
    private final MaintenanceDowntime maintenance;

    FleetStatsRepository(JdbcClient jdbc, MaintenanceDowntime maintenance) {
        this.jdbc = jdbc;
        this.maintenance = maintenance;
    }

    /**
     * The hours a fleet window counts: its edges widened to the hour, as the monitor list's uptimes are
     * ({@link WindowPlan#recent}), so the hour in progress counts with the checks it has so far.
     */
    static WindowPlan hours(RequestParameters.Window window, Horizons horizons) {
        return WindowPlan.of(
                WindowPlan.floor(window.from(), ChronoUnit.HOURS),
                WindowPlan.ceil(window.to(), ChronoUnit.HOURS),
                horizons);
    }

    WindowTotals totals(WindowPlan plan, List<String> tags) {
        return jdbc.sql("SELECT " + WindowTotals.SUMS + """
                         FROM (
                            SELECT f.checks, f.failures, f.latency_count, f.latency_sum, f.latency_min,
                                   f.latency_max, f.latency_histogram
                            FROM %s f
                            JOIN unnest(CAST(:daily_from AS timestamptz[]), CAST(:daily_to AS timestamptz[]))
                                AS s (span_from, span_to) ON f.day >= s.span_from AND f.day < s.span_to
                            UNION ALL
                            SELECT f.checks, f.failures, f.latency_count, f.latency_sum, f.latency_min,
                                   f.latency_max, f.latency_histogram
                            FROM %s f
                            JOIN unnest(CAST(:hourly_from AS timestamptz[]), CAST(:hourly_to AS timestamptz[]))
                                AS s (span_from, span_to) ON f.hour >= s.span_from AND f.hour < s.span_to
                            ) parts""".formatted(rollups("daily", tags), rollups("hourly", tags)))
                .param("tags", tags.toArray(String[]::new))
                .params(SpanParameters.of("daily", plan.dailySpans()))
                .params(SpanParameters.of("hourly", plan.hourly()))
                .query((rs, n) -> WindowTotals.read(rs))
                .single();
    }

    /**
     * Downtime of the enabled monitors: from the fleet's daily rollups for the whole days, and outside them from the
     * status changes of the window across monitors. The number of monitors DOWN at a span's start is the number DOWN
     * now less the changes since (each change moves it by +1, -1 or 0); the span's downtime is that number times its
     * length, plus each change's step times the rest of the span after it. This is the sum of monitor_downtime over
     * the monitors, read from the changes instead of once per monitor. Spans end at {@code until} at the latest: the
     * rest of the hour in progress has not happened yet. Time DOWN inside maintenance windows is taken out, as from
     * each monitor's {@code /stats}.
     */
    Downtime downtime(WindowPlan plan, Instant until, List<String> tags) {
        Downtime recorded = jdbc.sql("""
                        WITH spans AS (
                            SELECT s.span_from, least(s.span_to, :until) AS span_to
                            FROM unnest(CAST(:changes_from AS timestamptz[]), CAST(:changes_to AS timestamptz[]))
                                AS s (span_from, span_to)
                            WHERE s.span_from < :until
                        ), changes AS (
                            SELECT c.changed_at, c.new_status = 'DOWN' AS to_down,
                                   (c.new_status = 'DOWN')::int - coalesce(c.old_status = 'DOWN', false)::int AS step
                            FROM status_changes c JOIN monitors m ON m.id = c.monitor_id AND %1$s
                            WHERE c.kind = 'STATUS_CHANGE' AND (c.new_status = 'DOWN' OR c.old_status = 'DOWN')
                              AND c.changed_at >= (SELECT min(span_from) FROM spans)
                        ), down_now AS (
                            %3$s
                        )
                        SELECT coalesce(sum(downtime_seconds), 0) AS downtime_seconds,
                               coalesce(sum(incidents), 0) AS incidents
                        FROM (
                            SELECT f.downtime_seconds, f.incidents FROM %2$s f
                            JOIN unnest(CAST(:daily_from AS timestamptz[]), CAST(:daily_to AS timestamptz[]))
                                AS s (span_from, span_to) ON f.day >= s.span_from AND f.day < s.span_to
                            UNION ALL
                            SELECT extract(EPOCH FROM s.span_to - s.span_from)
                                       * (down_now.monitors - (SELECT coalesce(sum(c.step), 0) FROM changes c
                                                               WHERE c.changed_at >= s.span_from))
                                   + (SELECT coalesce(sum(c.step * extract(EPOCH FROM s.span_to - c.changed_at)), 0)
                                      FROM changes c
                                      WHERE c.changed_at >= s.span_from AND c.changed_at < s.span_to),
                                   (SELECT count(*) FROM changes c
                                    WHERE c.to_down AND c.changed_at >= s.span_from AND c.changed_at < s.span_to)
                            FROM spans s, down_now) parts""".formatted(
                                counted(tags),
                                rollups("daily", tags),
                                tags.isEmpty()
                                        ? "SELECT down AS monitors FROM fleet_status_counts WHERE enabled"
                                        : "SELECT count(*) AS monitors FROM monitors m WHERE %s AND m.status = 'DOWN'"
                                                .formatted(counted(tags))))
                .param("tags", tags.toArray(String[]::new))
                .params(SpanParameters.of("daily", plan.dailySpans()))
                .params(SpanParameters.of("changes", plan.statusChanges()))
                .param("until", Timestamps.utc(until))
                .query((rs, n) -> new Downtime(rs.getBigDecimal("downtime_seconds"), rs.getLong("incidents")))
                .single();
        Instant to = plan.to().isAfter(until) ? until : plan.to();
        return recorded.minus(
                maintenance.monitors(counted(tags), Map.of("tags", tags.toArray(String[]::new)), plan.from(), to));
    }

    /**
     * The enabled monitors (with the tags) by status, every status named: the fleet's from its counts (V20), the
     * tagged monitors' counted.
     */
    Map<String, Long> byStatus(List<String> tags) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (MonitorStatus status : MonitorStatus.values()) {
            byStatus.put(status.name(), 0L);
        }
        if (tags.isEmpty()) {
            jdbc.sql("SELECT unknown, up, down FROM fleet_status_counts WHERE enabled")
                    .query(rs -> {
                        byStatus.put(MonitorStatus.UNKNOWN.name(), rs.getLong("unknown"));
                        byStatus.put(MonitorStatus.UP.name(), rs.getLong("up"));
                        byStatus.put(MonitorStatus.DOWN.name(), rs.getLong("down"));
                    });
            return byStatus;
        }
        jdbc.sql("SELECT m.status, count(*) AS monitors FROM monitors m WHERE %s GROUP BY m.status"
                        .formatted(counted(tags)))
                .param("tags", tags.toArray(String[]::new))
                .query(rs -> {
                    byStatus.put(rs.getString("status"), rs.getLong("monitors"));
                });
        return byStatus;
    }

    /** The monitors that count, as a condition on {@code monitors m}: the enabled ones, with the tags if any. */
    private static String counted(List<String> tags) {
        return tags.isEmpty() ? "m.enabled" : "m.enabled AND monitor_tag_terms(m.tags) @> CAST(:tags AS text[])";
    }

    /**
     * The rollups of a level ({@code daily} or {@code hourly}) summed over the monitors that count: the fleet's own
     * rows, or without them the tagged monitors' rows.
     */
    private static String rollups(String level, List<String> tags) {
        return tags.isEmpty()
                ? "(SELECT * FROM fleet_rollups_%s WHERE enabled)".formatted(level)
                : "(SELECT r.* FROM check_rollups_%s r JOIN monitors m ON m.id = r.monitor_id WHERE %s)"
                        .formatted(level, counted(tags));
    }
}
