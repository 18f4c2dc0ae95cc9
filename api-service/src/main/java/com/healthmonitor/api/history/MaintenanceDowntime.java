package com.healthmonitor.api.history;

import static com.healthmonitor.common.database.Timestamps.instant;

import com.healthmonitor.api.history.WindowPlan.Span;
import com.healthmonitor.api.maintenance.MaintenanceStatus;
import com.healthmonitor.common.maintenance.MaintenanceWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The downtime and incidents that fell inside maintenance windows: what {@code /stats}, the fleet's {@code /stats},
 * the SLO report and the status pages' day cells take out of the downtime they read from rollups and status changes,
 * so that time DOWN while a window was open counts nowhere. The one implementation of "time under maintenance" for all
 * of them: the windows' openings from their schedules ({@link MaintenanceOccurrences}), merged per monitor (so that
 * overlapping windows count once), and the monitors' DOWN time inside them from the status changes (V4_1's
 * {@code monitor_downtime}, one set-based call per distinct opening, not one per monitor).
 *
 * <p>Status changes are kept for a limited time ({@code Horizons.statusChangesFrom}): before that, maintenance
 * cannot be told apart in the daily rollups' downtime any more, and nothing is taken out. The windows are those
 * stored now, as for every uptime figure: editing or deleting a window changes the accounting of the past.
 */
@Repository
public class MaintenanceDowntime {

    /**
     * After a {@code selected (id)} CTE of the monitors counted: each one's openings within the period, merged. The
     * monitors are joined, never collected into an array, so that a window over every monitor stays one pass however
     * many there are.
     */
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

    private final JdbcClient jdbc;
    private final MaintenanceStatus maintenance;

    MaintenanceDowntime(JdbcClient jdbc, MaintenanceStatus maintenance) {
        this.jdbc = jdbc;
        this.maintenance = maintenance;
    }

    /** One monitor's downtime inside maintenance over [from, to). */
    Downtime monitor(long id, Instant from, Instant to) {
        return monitors("m.id = :id", Map.of("id", id), from, to);
    }

    /**
     * The downtime inside maintenance over [from, to) summed over the monitors {@code condition} (on
     * {@code monitors m}) selects; {@code parameters} are the condition's.
     */
    Downtime monitors(String condition, Map<String, ?> parameters, Instant from, Instant to) {
        Map<String, Object> openings = openings(from, to);
        if (openings.isEmpty()) {
            return Downtime.NONE;
        }
        return jdbc.sql("WITH selected AS (SELECT m.id FROM monitors m WHERE " + condition + "), " + COVERED + """
                        , pieces AS (
                            SELECT piece, array_agg(c.monitor_id) AS monitors
                            FROM covered c, unnest(c.openings) AS piece
                            GROUP BY piece)
                        SELECT coalesce(sum(d.downtime_seconds), 0) AS downtime_seconds,
                               CAST(coalesce(sum(d.incidents), 0) AS bigint) AS incidents
                        FROM pieces,
                             LATERAL monitor_downtime(pieces.monitors, lower(pieces.piece), upper(pieces.piece)) d""")
                .params(parameters)
                .params(openings)
                .query((rs, n) -> new Downtime(rs.getBigDecimal("downtime_seconds"), rs.getLong("incidents")))
                .single();
    }

    /**
     * Per monitor and UTC day, the incidents inside maintenance over [from, to): the transitions to DOWN while one of
     * the monitor's windows was open, which {@code /stats} does not count either.
     */
    public Map<Long, Map<LocalDate, Long>> incidentsByDay(Collection<Long> ids, Instant from, Instant to) {
        Map<Long, Map<LocalDate, Long>> incidents = new HashMap<>();
        Map<String, Object> openings = ids.isEmpty() ? Map.of() : openings(from, to);
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
     * Every window's openings over [from, to), from when status changes are kept, as the parameters of
     * {@link #COVERED}; empty when there are none.
     */
    private Map<String, Object> openings(Instant from, Instant to) {
        Instant recorded = Horizons.read(jdbc).statusChangesFrom();
        Instant start = from.isBefore(recorded) ? recorded : from;
        List<Long> windowIds = new ArrayList<>();
        List<Span> openings = new ArrayList<>();
        if (start.isBefore(to)) {
            for (MaintenanceWindow window : maintenance.schedules()) {
                for (Span opening : MaintenanceOccurrences.between(window, start, to)) {
                    windowIds.add(window.id());
                    openings.add(opening);
                }
            }
        }
        if (windowIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> parameters = new HashMap<>(SpanParameters.of("opening", openings));
        parameters.put("windows", windowIds.toArray(Long[]::new));
        return parameters;
    }
}
