package com.healthmonitor.scheduler.dispatch;

import static com.healthmonitor.common.database.Timestamps.instant;
import static com.healthmonitor.common.database.Timestamps.utc;

import com.healthmonitor.common.check.CheckSettingsJson;
import com.healthmonitor.common.check.CheckSpec;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.common.check.MonitorType;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DueMonitors {

    private final JdbcClient jdbc;

    DueMonitors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks up to {@code limit} enabled monitors whose slot has come by {@code now}, oldest first. Heartbeats are
     * never sent: the worker records their results from pings and silence ({@code monitors_due_idx} leaves them out). Rows another
     * scheduler has locked are skipped, so two instances never claim the same slot.
     */
    List<DueMonitor> lock(int limit, Instant now) {
        return jdbc.sql("""
                        SELECT id, next_check_at, check_interval, config_version, url, timeout, expected_status_code,
                               expected_status_codes, method, request_headers::text AS request_headers,
                               request_body, request_content_type, assertions::text AS assertions,
                               follow_redirects, tls_expiry_days, type, target::text AS target, locations
                        FROM monitors
                        WHERE enabled AND type <> 'heartbeat' AND next_check_at <= :now
                        ORDER BY next_check_at
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED""")
                .param("now", utc(now))
                .param("limit", limit)
                .query((rs, row) -> new DueMonitor(
                        rs.getLong("id"),
                        instant(rs, "next_check_at"),
                        rs.getInt("check_interval"),
                        rs.getLong("config_version"),
                        rs.getInt("timeout"),
                        target(rs),
                        List.of((String[]) rs.getArray("locations").getArray())))
                .list();
    }

    /** An HTTP monitor's target from its columns, any other's from its {@code target} JSON. */
    private static CheckTarget target(ResultSet rs) throws SQLException {
        if (!MonitorType.HTTP.id().equals(rs.getString("type"))) {
            return CheckSettingsJson.readTarget(rs.getString("target"));
        }
        return new CheckTarget.Http(
                rs.getString("url"),
                new CheckSpec(
                        rs.getString("method"),
                        CheckSettingsJson.readHeaders(rs.getString("request_headers")),
                        rs.getString("request_body"),
                        rs.getString("request_content_type"),
                        expectedStatusCodes(rs),
                        CheckSettingsJson.readAssertions(rs.getString("assertions")),
                        rs.getBoolean("follow_redirects"),
                        rs.getInt("tls_expiry_days")));
    }

    /** The set when the monitor has one, else its single expected code (the two are exclusive). */
    private static List<String> expectedStatusCodes(ResultSet rs) throws SQLException {
        Array codes = rs.getArray("expected_status_codes");
        if (codes != null) {
            return List.of((String[]) codes.getArray());
        }
        return List.of(Integer.toString(rs.getInt("expected_status_code")));
    }

    /** Moves the sent monitors to their next slots, in one statement. */
    void advance(Map<Long, Instant> nextSlots) {
        if (nextSlots.isEmpty()) {
            return;
        }
        List<Map.Entry<Long, Instant>> slots = List.copyOf(nextSlots.entrySet());
        jdbc.sql("""
                        UPDATE monitors
                        SET next_check_at = next.slot
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:slots AS timestamptz[])) AS next (id, slot)
                        WHERE monitors.id = next.id""")
                .param("ids", slots.stream().map(Map.Entry::getKey).toArray(Long[]::new))
                .param(
                        "slots",
                        slots.stream().map(slot -> slot.getValue().toString()).toArray(String[]::new))
                .update();
    }

    /** Checks whose slot has come by {@code now} and that no scheduler has sent yet. */
    long countDue(Instant now) {
        return jdbc.sql("SELECT count(*) FROM monitors WHERE enabled AND type <> 'heartbeat' AND next_check_at <= :now")
                .param("now", utc(now))
                .query(Long.class)
                .single();
    }
}
