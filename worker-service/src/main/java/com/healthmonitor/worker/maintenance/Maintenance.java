package com.healthmonitor.worker.maintenance;

import static com.healthmonitor.common.database.Timestamps.instant;

import com.healthmonitor.common.maintenance.MaintenanceWindow;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Which monitors are under maintenance when. */
@Component
public class Maintenance {

    private static final String COLUMNS =
            "w.id, w.starts_at, w.ends_at, w.cron, w.weekdays, w.time_of_day, w.time_zone, w.duration_minutes";

    private final JdbcClient jdbc;

    Maintenance(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True when a window of this monitor (or of all monitors) is open at {@code at}. */
    public boolean covers(long monitorId, Instant at) {
        return coverage(List.of(monitorId)).covers(monitorId, at);
    }

    /** The windows of these monitors, in one query, for a batch of results. */
    public MaintenanceCoverage coverage(Collection<Long> monitorIds) {
        if (monitorIds.isEmpty()) {
            return new MaintenanceCoverage(List.of());
        }
        return new MaintenanceCoverage(jdbc.sql("SELECT " + COLUMNS + ", w.all_monitors,"
                        + " ARRAY(SELECT m.monitor_id FROM maintenance_window_monitors m"
                        + "       WHERE m.window_id = w.id AND m.monitor_id = ANY (:ids)) AS monitor_ids"
                        + " FROM maintenance_windows w WHERE w.all_monitors OR EXISTS ("
                        + "SELECT 1 FROM maintenance_window_monitors m WHERE m.window_id = w.id"
                        + " AND m.monitor_id = ANY (:ids))")
                .param("ids", monitorIds.toArray(Long[]::new))
                .query((rs, n) -> new MaintenanceCoverage.Scoped(
                        window(rs), rs.getBoolean("all_monitors"), Set.copyOf(Arrays.asList((Long[])
                                rs.getArray("monitor_ids").getArray()))))
                .list());
    }

    /** Every window's schedule, whatever it covers. */
    public List<MaintenanceWindow> windows() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM maintenance_windows w ORDER BY w.id")
                .query((rs, n) -> window(rs))
                .list();
    }

    static MaintenanceWindow window(ResultSet rs) throws SQLException {
        Time time = rs.getTime("time_of_day");
        Integer minutes = (Integer) rs.getObject("duration_minutes");
        return new MaintenanceWindow(
                rs.getLong("id"),
                instant(rs, "starts_at"),
                instant(rs, "ends_at"),
                rs.getString("cron"),
                weekdays(rs.getArray("weekdays")),
                time == null ? null : time.toLocalTime(),
                ZoneId.of(rs.getString("time_zone")),
                minutes == null ? null : Duration.ofMinutes(minutes));
    }

    private static Set<DayOfWeek> weekdays(Array array) throws SQLException {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (array != null) {
            for (String day : (String[]) array.getArray()) {
                days.add(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)));
            }
        }
        return days;
    }
}
