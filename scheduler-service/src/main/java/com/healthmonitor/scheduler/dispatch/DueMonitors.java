package com.healthmonitor.scheduler.dispatch;

import com.healthmonitor.common.check.CheckSettingsJson;
import com.healthmonitor.common.check.CheckSpec;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DueMonitors {

    private final JdbcClient jdbc;

    DueMonitors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks up to {@code limit} enabled monitors whose slot has come, oldest first. Rows another scheduler has
     * locked are skipped, so two instances never claim the same slot.
     */
    List<DueMonitor> lock(int limit) {
        return jdbc.sql("""
                        SELECT id, next_check_at, config_version, url, timeout, expected_status_code,
                               expected_status_codes, method, request_headers::text AS request_headers,
                               request_body, request_content_type, assertions::text AS assertions,
                               follow_redirects, tls_expiry_days
                        FROM monitors
                        WHERE enabled AND next_check_at <= now()
                        ORDER BY next_check_at
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED""")
                .param("limit", limit)
                .query((rs, row) -> new DueMonitor(
                        rs.getLong("id"),
                        rs.getTimestamp("next_check_at").toInstant(),
                        rs.getLong("config_version"),
                        rs.getString("url"),
                        rs.getInt("timeout"),
                        new CheckSpec(
                                rs.getString("method"),
                                CheckSettingsJson.readHeaders(rs.getString("request_headers")),
                                rs.getString("request_body"),
                                rs.getString("request_content_type"),
                                expectedStatusCodes(rs),
                                CheckSettingsJson.readAssertions(rs.getString("assertions")),
                                rs.getBoolean("follow_redirects"),
                                rs.getInt("tls_expiry_days"))))
                .list();
    }

    /** The set when the monitor has one, else its single expected code (the two are exclusive). */
    private static List<String> expectedStatusCodes(ResultSet rs) throws SQLException {
        Array codes = rs.getArray("expected_status_codes");
        if (codes != null) {
            return List.of((String[]) codes.getArray());
        }
        return List.of(Integer.toString(rs.getInt("expected_status_code")));
    }

    /**
     * Moves the sent monitors to their next slot: one interval after this one, or one interval after now when the
     * slot was served too late, so that the schedule neither fires a backlog at once nor drifts.
     */
    void advance(Collection<Long> ids, Duration maxLateness) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE monitors
                        SET next_check_at = CASE
                            WHEN now() - next_check_at > :maxLateness * interval '1 millisecond'
                                THEN now() + check_interval * interval '1 second'
                            ELSE next_check_at + check_interval * interval '1 second'
                        END
                        WHERE id = ANY(:ids)""")
                .param("maxLateness", maxLateness.toMillis())
                .param("ids", ids.toArray(Long[]::new))
                .update();
    }

    /** Checks whose slot has come and that no scheduler has sent yet. */
    long countDue() {
        return jdbc.sql("SELECT count(*) FROM monitors WHERE enabled AND next_check_at <= now()")
                .query(Long.class)
                .single();
    }
}
