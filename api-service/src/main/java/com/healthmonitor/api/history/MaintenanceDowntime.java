package com.healthmonitor.api.history;

import com.healthmonitor.api.history.WindowPlan.Span;
import com.healthmonitor.api.maintenance.MaintenanceStatus;
import com.healthmonitor.common.maintenance.MaintenanceWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The downtime and incidents that fell inside maintenance windows: what {@code /stats}, the fleet's {@code /stats} and
 * the SLO report take out of the downtime they read from rollups and status changes, so that time DOWN while a window
 * was open counts nowhere. The one implementation of "time under maintenance" for all of them: the windows' openings
 * from their schedules ({@link MaintenanceOccurrences}), and the monitors' DOWN time inside them from the status
 * changes (V16's {@code monitor_downtime_in_maintenance}, which joins overlapping windows).
 *
 * <p>Status changes are kept for a limited time ({@code Horizons.statusChangesFrom}): before that, maintenance
 * cannot be told apart in the daily rollups' downtime any more, and nothing is taken out. The windows are those
 * stored now, as for every uptime figure: editing or deleting a window changes the accounting of the past.
 */
@Repository
class MaintenanceDowntime {

    private final JdbcClient jdbc;
    private final MaintenanceStatus maintenance;

    MaintenanceDowntime(JdbcClient jdbc, MaintenanceStatus maintenance) {
        this.jdbc = jdbc;
        this.maintenance = maintenance;
    }

    /** One monitor's downtime inside maintenance over [from, to). */
    Downtime monitor(long id, Instant from, Instant to) {
        return inMaintenance("ARRAY[CAST(:id AS bigint)]", Map.of("id", id), from, to);
    }

    /**
     * The downtime inside maintenance over [from, to) summed over the monitors {@code condition} (on
     * {@code monitors m}) selects; {@code parameters} are the condition's.
     */
    Downtime monitors(String condition, Map<String, ?> parameters, Instant from, Instant to) {
        return inMaintenance(
                "(SELECT coalesce(array_agg(m.id), '{}') FROM monitors m WHERE " + condition + ")",
                parameters,
                from,
                to);
    }

    private Downtime inMaintenance(String ids, Map<String, ?> parameters, Instant from, Instant to) {
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
            return Downtime.NONE;
        }
        return jdbc.sql("""
                        SELECT downtime_seconds, incidents
                        FROM monitor_downtime_in_maintenance(%s, CAST(:windows AS bigint[]),
                                                             CAST(:opening_from AS timestamptz[]),
                                                             CAST(:opening_to AS timestamptz[]))""".formatted(ids))
                .params(parameters)
                .param("windows", windowIds.toArray(Long[]::new))
                .params(SpanParameters.of("opening", openings))
                .query((rs, n) -> new Downtime(rs.getBigDecimal("downtime_seconds"), rs.getLong("incidents")))
                .single();
    }
}
