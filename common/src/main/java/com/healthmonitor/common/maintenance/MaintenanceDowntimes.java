package com.healthmonitor.common.maintenance;

import static com.healthmonitor.common.database.Timestamps.instant;

import com.healthmonitor.common.maintenance.MaintenanceOccurrences.Span;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The time DOWN and the incidents (transitions to DOWN) that fell inside maintenance windows, from the status
 * changes: what the API's {@code /stats}, SLO reports and status pages and the worker's daily summary take out of
 * the downtime they count, so that time DOWN while a window was open counts nowhere. The one implementation of "time
 * under maintenance": the windows' openings from their schedules ({@link MaintenanceOccurrences}), merged per monitor
 * (overlapping windows count once), and the DOWN time inside them as V4_1's {@code monitor_downtime} counts it, one
 * set-based call per distinct opening, not one per monitor. The monitors are joined, never collected into an array,
 * so that a window over every monitor stays one pass however many there are.
 */
public final class MaintenanceDowntimes {

    /** After a {@code selected (id)} CTE of the monitors counted: each one's openings, merged. */
    private static final String COVERED = """
            openings AS (
                SELECT o.window_id, tstzrange(o.opening_from, o.opening_to) AS opening
                FROM unnest(CAST(:windows AS bigint[]), CAST(:opening_from AS timestamptz[]),
                            CAST(:opening_to AS timestamptz[])) AS o (window_id, opening_from, opening_to)
                WHERE o.opening_from < o.opening_to
            ), covered AS (
                SELECT c.monitor_id, range_agg(c.opening) AS openings
                FROM (SELECT s.id AS monitor_id, o.opening
                      FROM openings o JOIN maintenance_windows w ON w.id = o.window_id AND w.all_monitors
                      CROSS JOIN selected s
                      UNION ALL
                      SELECT l.monitor_id, o.opening
                      FROM openings o JOIN maintenance_window_monitors l ON l.window_id = o.window_id
                      JOIN selected s ON s.id = l.monitor_id) c
                GROUP BY c.monitor_id
            )""";

    /** The merged openings as pieces, each with the monitors it covers, and their DOWN time inside them. */
    private static final String DOWNTIME = """
            , pieces AS (
                SELECT piece, array_agg(c.monitor_id) AS monitors
                FROM covered c, unnest(c.openings) AS piece
                GROUP BY piece)
            SELECT d.monitor_id, sum(d.downtime_seconds) AS downtime_seconds, sum(d.incidents) AS incidents
            FROM pieces, LATERAL monitor_downtime(pieces.monitors, lower(pieces.piece), upper(pieces.piece)) d
            GROUP BY d.monitor_id""";

    /** Time DOWN (seconds) and incidents inside maintenance. */
    public record InMaintenance(BigDecimal seconds, long incidents) {

        public static final InMaintenance NONE = new InMaintenance(BigDecimal.ZERO, 0);

        InMaintenance plus(InMaintenance other) {
            return new InMaintenance(seconds.add(other.seconds), incidents + other.incidents);
        }
    }

    private final JdbcClient jdbc;

    public MaintenanceDowntimes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Per monitor that {@code condition} (on {@code monitors m}, with its {@code parameters}) selects and that was
     * DOWN inside one of {@code windows}' openings over [from, to): that time and those incidents.
     */
    public Map<Long, InMaintenance> perMonitor(
            String condition, Map<String, ?> parameters, List<MaintenanceWindow> windows, Instant from, Instant to) {
        Map<Long, InMaintenance> downtime = new HashMap<>();
        Map<String, Object> openings = openings(windows, from, to);
        if (openings.isEmpty()) {
            return downtime;
        }
        jdbc.sql("WITH selected AS (SELECT m.id FROM monitors m WHERE " + condition + "), " + COVERED + DOWNTIME)
                .params(parameters)
                .params(openings)
                .query(rs -> {
                    downtime.put(
                            rs.getLong("monitor_id"),
                            new InMaintenance(rs.getBigDecimal("downtime_seconds"), rs.getLong("incidents")));
                });
        return downtime;
    }

    /** {@link #perMonitor} summed. */
    public InMaintenance total(
            String condition, Map<String, ?> parameters, List<MaintenanceWindow> windows, Instant from, Instant to) {
        return perMonitor(condition, parameters, windows, from, to).values().stream()
                .reduce(InMaintenance.NONE, InMaintenance::plus);
    }

    /** Per monitor among {@code ids} and UTC day, its incidents inside maintenance over [from, to). */
    public Map<Long, Map<LocalDate, Long>> incidentsByDay(
            Collection<Long> ids, List<MaintenanceWindow> windows, Instant from, Instant to) {
        Map<Long, Map<LocalDate, Long>> incidents = new HashMap<>();
        Map<String, Object> openings = ids.isEmpty() ? Map.of() : openings(windows, from, to);
        if (openings.isEmpty()) {
            return incidents;
        }
        jdbc.sql("WITH selected AS (SELECT m.id FROM monitors m WHERE m.id IN (:ids)), " + COVERED + """
                        SELECT s.monitor_id, date_trunc('day', s.changed_at, 'UTC') AS day, count(*) AS incidents
                        FROM covered c JOIN status_changes s ON s.monitor_id = c.monitor_id
                        WHERE s.kind = 'STATUS_CHANGE' AND s.new_status = 'DOWN' AND c.openings @> s.changed_at
                          AND s.changed_at >= :from AND s.changed_at < :to
                        GROUP BY 1, 2""")
                .param("ids", ids)
                .param("from", from.atOffset(ZoneOffset.UTC))
                .param("to", to.atOffset(ZoneOffset.UTC))
                .params(openings)
                .query(rs -> {
                    incidents
                            .computeIfAbsent(rs.getLong("monitor_id"), id -> new HashMap<>())
                            .put(LocalDate.ofInstant(instant(rs, "day"), ZoneOffset.UTC), rs.getLong("incidents"));
                });
        return incidents;
    }

    /**
     * Every window's openings over [from, to) as the parameters of {@link #COVERED}: parallel arrays of window ids,
     * starts and ends (instants as ISO-8601 text, which PostgreSQL casts); empty when there are none.
     */
    private static Map<String, Object> openings(List<MaintenanceWindow> windows, Instant from, Instant to) {
        List<Long> windowIds = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        if (from.isBefore(to)) {
            for (MaintenanceWindow window : windows) {
                for (Span opening : MaintenanceOccurrences.between(window, from, to)) {
                    windowIds.add(window.id());
                    starts.add(opening.from().toString());
                    ends.add(opening.to().toString());
                }
            }
        }
        if (windowIds.isEmpty()) {
            return Map.of();
        }
        return Map.of(
                "windows", windowIds.toArray(Long[]::new),
                "opening_from", starts.toArray(String[]::new),
                "opening_to", ends.toArray(String[]::new));
    }
}
