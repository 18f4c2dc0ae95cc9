package com.healthmonitor.api.history;

import static com.healthmonitor.common.database.Timestamps.instant;

import com.healthmonitor.api.history.HistoryResponses.Alert;
import com.healthmonitor.api.history.HistoryResponses.CheckEntry;
import com.healthmonitor.api.history.HistoryResponses.StatusChangeEntry;
import com.healthmonitor.api.history.HistoryResponses.SuppressedBy;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A monitor's raw check results and status changes, newest first, a page before an instant (null: the newest). */
@Repository
class CheckHistoryRepository {

    private final JdbcClient jdbc;

    CheckHistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** PostgreSQL's 'infinity' when there is no {@code before}: the first page. */
    private static String before(Instant before) {
        return before == null ? "infinity" : before.toString();
    }

    boolean monitorExists(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM monitors WHERE id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    /** @param location only this location's results; null: every location's */
    List<CheckEntry> checks(long id, String location, Instant before, int limit) {
        return jdbc.sql("""
                        SELECT checked_at, success, status_code, latency_ms, error, location FROM check_results
                        WHERE monitor_id = :id AND checked_at < CAST(:before AS timestamptz)
                          AND (CAST(:location AS text) IS NULL OR location = :location)
                        ORDER BY checked_at DESC LIMIT :limit""")
                .param("id", id)
                .param("location", location)
                .param("before", before(before))
                .param("limit", limit)
                .query((rs, n) -> new CheckEntry(
                        instant(rs, "checked_at"),
                        rs.getBoolean("success"),
                        rs.getObject("status_code", Integer.class),
                        rs.getInt("latency_ms"),
                        rs.getString("error"),
                        rs.getString("location")))
                .list();
    }

    List<StatusChangeEntry> statusChanges(long id, Instant before, int limit) {
        return jdbc.sql("""
                        SELECT c.id, c.changed_at, c.old_status, c.new_status, c.reason, c.delivery, c.attempts,
                               c.sent_at, c.last_error, c.suppressed_by, p.name AS suppressed_by_name
                        FROM status_changes c LEFT JOIN monitors p ON p.id = c.suppressed_by
                        WHERE c.monitor_id = :id AND c.kind = 'STATUS_CHANGE'
                          AND c.changed_at < CAST(:before AS timestamptz)
                        ORDER BY c.changed_at DESC, c.id DESC LIMIT :limit""")
                .param("id", id)
                .param("before", before(before))
                .param("limit", limit)
                .query((rs, n) -> new StatusChangeEntry(
                        rs.getLong("id"),
                        instant(rs, "changed_at"),
                        rs.getString("old_status"),
                        rs.getString("new_status"),
                        rs.getString("reason"),
                        new Alert(
                                rs.getString("delivery"),
                                rs.getInt("attempts"),
                                instant(rs, "sent_at"),
                                rs.getString("last_error"),
                                rs.getObject("suppressed_by") == null
                                        ? null
                                        : new SuppressedBy(
                                                rs.getLong("suppressed_by"), rs.getString("suppressed_by_name")))))
                .list();
    }
}
