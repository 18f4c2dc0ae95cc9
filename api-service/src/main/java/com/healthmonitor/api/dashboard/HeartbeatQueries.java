package com.healthmonitor.api.dashboard;

import com.healthmonitor.common.database.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
class HeartbeatQueries {

    private final JdbcClient jdbc;

    HeartbeatQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One query for all ids: a lateral index scan of (monitor_id, checked_at) per monitor. */
    Map<Long, List<Beat>> heartbeats(List<Long> ids, int limit) {
        Map<Long, List<Beat>> beats = new LinkedHashMap<>();
        ids.forEach(id -> beats.put(id, new ArrayList<>()));
        jdbc.sql("""
                        SELECT m.id, c.checked_at, c.success, c.status_code, c.latency_ms, c.error
                        FROM unnest(CAST(:ids AS BIGINT[])) AS m(id)
                        CROSS JOIN LATERAL (
                            SELECT checked_at, success, status_code, latency_ms, error FROM check_results
                            WHERE monitor_id = m.id ORDER BY checked_at DESC LIMIT :limit) c""")
                .param("ids", ids.toArray(Long[]::new))
                .param("limit", limit)
                .query(rs -> {
                    List<Beat> list = beats.get(rs.getLong("id"));
                    if (list != null) {
                        list.add(new Beat(
                                Timestamps.instant(rs, "checked_at"),
                                rs.getBoolean("success"),
                                (Integer) rs.getObject("status_code"),
                                rs.getInt("latency_ms"),
                                rs.getString("error")));
                    }
                });
        return beats;
    }

    record Beat(Instant checkedAt, boolean success, Integer statusCode, int latencyMs, String error) {}
}
