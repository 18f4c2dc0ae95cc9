package com.healthmonitor.api.maintenance;

import static com.healthmonitor.common.database.Timestamps.instant;

import com.healthmonitor.common.maintenance.MaintenanceWindow;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The maintenance_windows table and its monitor links. */
@Repository
class MaintenanceWindowRepository {

    private static final String COLUMNS = """
            w.id, w.key, w.reason, w.all_monitors, w.starts_at, w.ends_at, w.cron, w.weekdays, w.time_of_day, w.time_zone,
            w.duration_minutes, w.created_at, w.updated_at,
            ARRAY(SELECT m.monitor_id FROM maintenance_window_monitors m WHERE m.window_id = w.id
                  ORDER BY m.monitor_id) AS monitor_ids""";

    private final JdbcClient jdbc;

    MaintenanceWindowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(MaintenanceWindowSettings settings) {
        long id = jdbc.sql("""
                        INSERT INTO maintenance_windows (reason, all_monitors, starts_at, ends_at, cron, weekdays,
                                                         time_of_day, time_zone, duration_minutes)
                        VALUES (:reason, :all, :startsAt, :endsAt, :cron, :weekdays, :time, :zone, :duration)
                        RETURNING id""").paramSource(params(settings)).query(Long.class).single();
        link(id, settings.monitorIds());
        return id;
    }

    boolean update(long id, MaintenanceWindowSettings settings) {
        int updated =
                jdbc.sql("""
                        UPDATE maintenance_windows
                        SET reason = :reason, all_monitors = :all, starts_at = :startsAt, ends_at = :endsAt,
                            cron = :cron, weekdays = :weekdays, time_of_day = :time, time_zone = :zone,
                            duration_minutes = :duration, updated_at = now()
                        WHERE id = :id""").paramSource(params(settings)).param("id", id).update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM maintenance_window_monitors WHERE window_id = :id")
                .param("id", id)
                .update();
        link(id, settings.monitorIds());
        return true;
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM maintenance_windows WHERE id = :id")
                        .param("id", id)
                        .update()
                == 1;
    }

    Optional<Stored> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM maintenance_windows w WHERE w.id = :id")
                .param("id", id)
                .query((rs, n) -> stored(rs))
                .optional();
    }

    /** Every window: which ones cover a monitor now is decided in Java (cron schedules, time zones). */
    List<Stored> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM maintenance_windows w ORDER BY w.id")
                .query((rs, n) -> stored(rs))
                .list();
    }

    /** Up to {@code limit} windows with ids after {@code afterId}, in id order. */
    List<Stored> list(long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM maintenance_windows w WHERE w.id > :afterId ORDER BY w.id LIMIT :limit")
                .param("afterId", afterId)
                .param("limit", limit)
                .query((rs, n) -> stored(rs))
                .list();
    }

    List<Long> missingMonitors(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT u.id FROM unnest(CAST(:ids AS bigint[])) AS u(id)
                        WHERE NOT EXISTS (SELECT 1 FROM monitors m WHERE m.id = u.id) ORDER BY u.id""")
                .param("ids", ids.toArray(Long[]::new))
                .query(Long.class)
                .list();
    }

    private void link(long id, List<Long> monitorIds) {
        for (Long monitorId : monitorIds) {
            jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (:w, :m)")
                    .param("w", id)
                    .param("m", monitorId)
                    .update();
        }
    }

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource params(
            MaintenanceWindowSettings settings) {
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("reason", settings.reason())
                .addValue("all", settings.allMonitors())
                .addValue(
                        "startsAt",
                        settings.startsAt() == null ? null : settings.startsAt().atOffset(ZoneOffset.UTC))
                .addValue(
                        "endsAt",
                        settings.endsAt() == null ? null : settings.endsAt().atOffset(ZoneOffset.UTC))
                .addValue("cron", settings.cron())
                .addValue(
                        "weekdays",
                        settings.weekdays() == null
                                ? null
                                : settings.weekdays().stream().map(Enum::name).toArray(String[]::new))
                .addValue("time", settings.time())
                .addValue("zone", settings.timeZone())
                .addValue("duration", settings.durationMinutes());
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        Time time = rs.getTime("time_of_day");
        Integer minutes = (Integer) rs.getObject("duration_minutes");
        Array weekdays = rs.getArray("weekdays");
        List<DayOfWeek> days = weekdays == null
                ? null
                : java.util.Arrays.stream((String[]) weekdays.getArray())
                        .map(DayOfWeek::valueOf)
                        .toList();
        MaintenanceWindowSettings settings = new MaintenanceWindowSettings(
                List.of((Long[]) rs.getArray("monitor_ids").getArray()),
                rs.getBoolean("all_monitors"),
                rs.getString("reason"),
                instant(rs, "starts_at"),
                instant(rs, "ends_at"),
                rs.getString("cron"),
                days,
                time == null ? null : time.toLocalTime(),
                rs.getString("time_zone"),
                minutes);
        MaintenanceWindow schedule = new MaintenanceWindow(
                rs.getLong("id"),
                settings.startsAt(),
                settings.endsAt(),
                settings.cron(),
                days == null ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days),
                settings.time(),
                ZoneId.of(settings.timeZone()),
                minutes == null ? null : Duration.ofMinutes(minutes));
        return new Stored(
                rs.getLong("id"),
                rs.getString("key"),
                settings,
                schedule,
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    record Stored(
            long id,
            String key,
            MaintenanceWindowSettings settings,
            MaintenanceWindow schedule,
            java.time.Instant createdAt,
            java.time.Instant updatedAt) {}
}
