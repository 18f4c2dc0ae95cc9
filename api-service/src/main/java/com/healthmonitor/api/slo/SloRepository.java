package com.healthmonitor.api.slo;

import static com.healthmonitor.common.database.Timestamps.instant;

import com.healthmonitor.api.slo.StatusTimeline.Change;
import com.healthmonitor.common.maintenance.MaintenanceWindow;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The monitor_slos table, and what the SLO report reads besides the rollups: status changes and maintenance. */
@Repository
class SloRepository {

    /** The monitor's creation and how often it is checked (a heartbeat: its period). */
    record MonitorFacts(Instant createdAt, long intervalSeconds) {}

    private final JdbcClient jdbc;

    SloRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<MonitorFacts> monitor(long id) {
        return jdbc.sql("""
                        SELECT created_at,
                               CASE WHEN type = 'heartbeat' THEN coalesce(CAST(target ->> 'period' AS bigint),
                                                                          check_interval)
                                    ELSE check_interval END AS interval_seconds
                        FROM monitors WHERE id = :id""")
                .param("id", id)
                .query((rs, n) -> new MonitorFacts(instant(rs, "created_at"), rs.getLong("interval_seconds")))
                .optional();
    }

    Optional<Slo> find(long monitorId) {
        return jdbc.sql("SELECT objective, period FROM monitor_slos WHERE monitor_id = :id")
                .param("id", monitorId)
                .query((rs, n) -> new Slo(
                        rs.getBigDecimal("objective"),
                        SloPeriod.parse(rs.getString("period")).orElseThrow()))
                .optional();
    }

    void upsert(long monitorId, Slo slo) {
        jdbc.sql("""
                        INSERT INTO monitor_slos (monitor_id, objective, period)
                        VALUES (:id, :objective, :period)
                        ON CONFLICT (monitor_id) DO UPDATE
                            SET objective = excluded.objective, period = excluded.period, updated_at = now()""")
                .param("id", monitorId)
                .param("objective", slo.objective())
                .param("period", slo.period().value())
                .update();
    }

    boolean delete(long monitorId) {
        return jdbc.sql("DELETE FROM monitor_slos WHERE monitor_id = :id")
                        .param("id", monitorId)
                        .update()
                > 0;
    }

    /** The intervals the monitor was DOWN within [from, to), from its status changes. */
    List<Interval> down(long monitorId, Instant from, Instant to) {
        // The status in force at `from`: the last change before it, else the first change's old status, else now's.
        String before = jdbc.sql("""
                        SELECT coalesce(
                            (SELECT s.new_status FROM status_changes s
                             WHERE s.monitor_id = m.id AND s.kind = 'STATUS_CHANGE' AND s.changed_at < :from
                             ORDER BY s.changed_at DESC, s.id DESC LIMIT 1),
                            (SELECT s.old_status FROM status_changes s
                             WHERE s.monitor_id = m.id AND s.kind = 'STATUS_CHANGE' AND s.changed_at >= :from
                             ORDER BY s.changed_at, s.id LIMIT 1),
                            m.status)
                        FROM monitors m WHERE m.id = :id""")
                .param("id", monitorId)
                .param("from", from.atOffset(ZoneOffset.UTC))
                .query(String.class)
                .single();
        List<Change> changes = jdbc.sql("""
                        SELECT changed_at, new_status FROM status_changes
                        WHERE monitor_id = :id AND kind = 'STATUS_CHANGE' AND changed_at >= :from AND changed_at < :to
                        ORDER BY changed_at, id""")
                .param("id", monitorId)
                .param("from", from.atOffset(ZoneOffset.UTC))
                .param("to", to.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Change(instant(rs, "changed_at"), rs.getString("new_status")))
                .list();
        return StatusTimeline.down(before, changes, from, to);
    }

    /** The maintenance windows that cover the monitor (their own or all monitors'). */
    List<MaintenanceWindow> maintenanceWindows(long monitorId) {
        return jdbc.sql("""
                        SELECT w.id, w.starts_at, w.ends_at, w.cron, w.weekdays, w.time_of_day, w.time_zone,
                               w.duration_minutes
                        FROM maintenance_windows w
                        WHERE w.all_monitors
                           OR EXISTS (SELECT 1 FROM maintenance_window_monitors l
                                      WHERE l.window_id = w.id AND l.monitor_id = :id)""").param("id", monitorId).query((rs, n) -> window(rs)).list();
    }

    private static MaintenanceWindow window(ResultSet rs) throws SQLException {
        Time time = rs.getTime("time_of_day");
        Integer minutes = rs.getObject("duration_minutes", Integer.class);
        Array weekdays = rs.getArray("weekdays");
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (weekdays != null) {
            Arrays.stream((String[]) weekdays.getArray())
                    .map(DayOfWeek::valueOf)
                    .forEach(days::add);
        }
        return new MaintenanceWindow(
                rs.getLong("id"),
                instant(rs, "starts_at"),
                instant(rs, "ends_at"),
                rs.getString("cron"),
                days,
                time == null ? null : time.toLocalTime(),
                ZoneId.of(rs.getString("time_zone")),
                minutes == null ? null : Duration.ofMinutes(minutes));
    }
}
