package com.healthmonitor.worker.alert.outbox;

import com.healthmonitor.common.alert.AlertKind;
import com.healthmonitor.common.alert.AlertOutbox;
import com.healthmonitor.common.alert.ChannelType;
import com.healthmonitor.common.database.Timestamps;
import com.healthmonitor.worker.alert.channel.Destination;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dispatcher's side of the deliveries table (rows written through {@link AlertOutbox}): one row per alert and
 * destination, claimed under a lease and finished once.
 */
@Repository
public class Outbox {

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reserves up to {@code limit} due deliveries for {@code owner} until the lease ends. SKIP LOCKED keeps concurrent
     * workers off each other's rows; the NOT EXISTS keeps each monitor's alerts in order within one stream (one
     * channel), since a delivery is only claimable when no earlier one of its monitor and stream is still pending.
     * Streams are independent: a channel that keeps failing holds back only its own alerts.
     */
    @Transactional
    public List<Claimed> claim(String owner, Duration lease, int limit) {
        return jdbc.sql("""
                        WITH due AS (
                            SELECT d.id, c.url AS channel_url, c.secret AS channel_secret,
                                   c.recipients AS channel_recipients, c.name AS current_name
                            FROM deliveries d LEFT JOIN channels c ON c.id = d.channel_id
                            WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
                              AND (d.locked_until IS NULL OR d.locked_until < now())
                              AND NOT EXISTS (SELECT 1 FROM deliveries earlier
                                              WHERE earlier.status = 'PENDING'
                                                AND coalesce(earlier.monitor_id, 0) = coalesce(d.monitor_id, 0)
                                                AND earlier.stream = d.stream AND earlier.id < d.id)
                            ORDER BY d.next_attempt_at, d.id
                            LIMIT :limit
                            FOR UPDATE OF d SKIP LOCKED)
                        UPDATE deliveries d
                        SET locked_by = :owner, locked_until = now() + make_interval(secs => :leaseSeconds)
                        FROM due WHERE d.id = due.id
                        RETURNING d.id, d.kind, d.status_change_id, d.monitor_id, d.channel_id, d.channel_type,
                                  coalesce(due.current_name, d.channel_name) AS channel_name, d.stream,
                                  coalesce(due.channel_url, d.target_url) AS url, due.channel_secret,
                                  due.channel_recipients, d.message::text AS message, d.payload::text AS payload,
                                  d.created_at, d.attempts""")
                .param("limit", limit)
                .param("owner", owner)
                .param("leaseSeconds", lease.toMillis() / 1000.0)
                .query((rs, n) -> new Claimed(
                        rs.getLong("id"),
                        AlertKind.valueOf(rs.getString("kind")),
                        (Long) rs.getObject("status_change_id"),
                        (Long) rs.getObject("monitor_id"),
                        (Long) rs.getObject("channel_id"),
                        rs.getString("stream"),
                        new Destination(
                                ChannelType.of(rs.getString("channel_type")),
                                rs.getString("channel_name"),
                                rs.getString("url"),
                                rs.getString("channel_secret"),
                                strings(rs.getArray("channel_recipients"))),
                        rs.getString("message"),
                        rs.getString("payload"),
                        Timestamps.instant(rs, "created_at"),
                        rs.getInt("attempts")))
                .list();
    }

    /**
     * Extends this worker's leases on alerts it is still sending; returns how many it still held. A lease that
     * already expired and was taken by another worker stays with that worker.
     */
    public int renew(Collection<Long> ids, String owner, Duration lease) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE deliveries SET locked_until = now() + make_interval(secs => :leaseSeconds)
                        WHERE id IN (:ids) AND locked_by = :owner AND status = 'PENDING'""")
                .param("leaseSeconds", lease.toMillis() / 1000.0)
                .param("ids", List.copyOf(ids))
                .param("owner", owner)
                .update();
    }

    /** False when the lease was lost (expired and taken by another worker): that worker now owns the row. */
    @Transactional
    public boolean markSent(Claimed delivery, String owner, int attempts, Integer code) {
        boolean updated = jdbc.sql("""
                        UPDATE deliveries
                        SET status = 'SENT', sent_at = now(), attempts = attempts + :sends, last_error = NULL,
                            last_status_code = :code, next_attempt_at = NULL, locked_by = NULL, locked_until = NULL
                        WHERE id = :id AND locked_by = :owner AND status = 'PENDING'""")
                        .param("sends", attempts)
                        .param("code", code)
                        .param("id", delivery.id())
                        .param("owner", owner)
                        .update()
                == 1;
        refreshStatusChange(delivery, updated);
        return updated;
    }

    @Transactional
    public boolean reschedule(
            Claimed delivery, String owner, int attempts, Instant nextAttemptAt, Integer code, String error) {
        return jdbc.sql("""
                        UPDATE deliveries
                        SET attempts = attempts + :sends, next_attempt_at = :next, last_error = :error,
                            last_status_code = :code, locked_by = NULL, locked_until = NULL
                        WHERE id = :id AND locked_by = :owner AND status = 'PENDING'""")
                        .param("sends", attempts)
                        .param("next", nextAttemptAt.atOffset(ZoneOffset.UTC))
                        .param("error", truncate(error))
                        .param("code", code)
                        .param("id", delivery.id())
                        .param("owner", owner)
                        .update()
                == 1;
    }

    /** FAILED (given up) or CANCELLED (its channel is gone). */
    @Transactional
    public boolean markFinished(
            Claimed delivery, String owner, String status, int attempts, Integer code, String error) {
        boolean updated = jdbc.sql("""
                        UPDATE deliveries
                        SET status = :status, attempts = attempts + :sends, last_error = :error,
                            last_status_code = :code, next_attempt_at = NULL, locked_by = NULL, locked_until = NULL
                        WHERE id = :id AND locked_by = :owner AND status = 'PENDING'""")
                        .param("status", status)
                        .param("sends", attempts)
                        .param("error", truncate(error))
                        .param("code", code)
                        .param("id", delivery.id())
                        .param("owner", owner)
                        .update()
                == 1;
        refreshStatusChange(delivery, updated);
        return updated;
    }

    /** Keeps the status change's delivery summary (shown by the history API, used by retention) in step. */
    private void refreshStatusChange(Claimed delivery, boolean updated) {
        if (updated && delivery.statusChangeId() != null) {
            jdbc.sql("SELECT refresh_status_change_delivery(:id)")
                    .param("id", delivery.statusChangeId())
                    .query()
                    .singleRow();
        }
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 499) + "…";
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /**
     * A reserved delivery; {@code attempts} counts sends made in earlier rounds.
     *
     * @param channelId null for the monitor's own webhook_url, and once the channel is deleted
     * @param stream the destination's ordering stream: {@code channel:<id>} or {@code monitor-webhook}
     * @param message the channel-neutral alert (JSON), null for a carried-over row
     * @param payload a body rendered before, sent as it is; null to render {@code message}
     */
    public record Claimed(
            long id,
            AlertKind kind,
            Long statusChangeId,
            Long monitorId,
            Long channelId,
            String stream,
            Destination destination,
            String message,
            String payload,
            Instant createdAt,
            int attempts) {

        /** The channel this delivery was for is gone (deleted after the row was written). */
        public boolean channelDeleted() {
            return channelId == null && !AlertOutbox.MONITOR_WEBHOOK_STREAM.equals(stream);
        }
    }
}
