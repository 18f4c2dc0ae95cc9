package com.healthmonitor.api.monitor;

import com.healthmonitor.common.monitor.MonitorStatus;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pages of the monitor list, read with one query instead of through the persistence context: loading 500 entities
 * and then their channel sets through Hibernate cost more than the rest of the page together. The monitors are only
 * read, never changed, so nothing is lost by bypassing it.
 */
@Repository
class MonitorPages {

    private final JdbcClient jdbc;

    MonitorPages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} monitors with ids after {@code afterId}, in id order, of one status if given. */
    List<Monitor> after(MonitorStatus status, long afterId, int limit) {
        String sql = "SELECT m.*, ARRAY(SELECT channel_id FROM monitor_channels c WHERE c.monitor_id = m.id)"
                + " AS channel_ids FROM monitors m WHERE m.id > :afterId"
                + (status == null ? "" : " AND m.status = :status") + " ORDER BY m.id LIMIT :limit";
        JdbcClient.StatementSpec statement =
                jdbc.sql(sql).param("afterId", afterId).param("limit", limit);
        if (status != null) {
            statement = statement.param("status", status.name());
        }
        return statement.query((rs, row) -> Monitor.read(rs)).list();
    }
}
