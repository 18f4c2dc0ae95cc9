package com.healthmonitor.worker.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The status_changes table seen as an outbox of alerts to deliver. */
@Repository
class Outbox {

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reserves up to {@code limit} due alerts for {@code owner} until the lease ends. SKIP LOCKED keeps concurrent
     * workers off each other's rows; the NOT EXISTS keeps each monitor's alerts in order, since an alert is only
     * claimable when no earlier alert of its monitor is still pending (being sent or waiting for a retry).
     */
    @Transactional
    List<Claimed> claim(String owner, Duration lease, int limit) {
        return jdbc.sql("""
                        WITH due AS (
                            SELECT s.id FROM status_changes s
                            WHERE s.delivery = 'PENDING' AND s.next_attempt_at <= now()
                              AND (s.locked_until IS NULL OR s.locked_until < now())
                              AND NOT EXISTS (SELECT 1 FROM status_changes earlier
                                              WHERE earlier.delivery = 'PENDING'
                                                AND earlier.monitor_id = s.monitor_id AND earlier.id < s.id)
                            ORDER BY s.next_attempt_at, s.id
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED)
                        UPDATE status_changes s
                        SET locked_by = :owner, locked_until = now() + make_interval(secs => :leaseSeconds)
                        FROM due WHERE s.id = due.id
                        RETURNING s.id, s.monitor_id, s.webhook_url, s.payload::text AS payload, s.changed_at,
                                  s.attempts""")
                .param("limit", limit)
                .param("owner", owner)
                .param("leaseSeconds", lease.toMillis() / 1000.0)
                .query((rs, n) -> new Claimed(
                        rs.getLong("id"),
                        rs.getLong("monitor_id"),
                        rs.getString("webhook_url"),
                        rs.getString("payload"),
                        rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
                        rs.getInt("attempts")))
                .list();
    }

    /**
     * Extends this worker's leases on alerts it is still sending; returns how many it still held. A lease that
     * already expired and was taken by another worker stays with that worker.
     */
    int renew(Collection<Long> ids, String owner, Duration lease) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE status_changes SET locked_until = now() + make_interval(secs => :leaseSeconds)
                        WHERE id IN (:ids) AND locked_by = :owner AND delivery = 'PENDING'""")
                .param("leaseSeconds", lease.toMillis() / 1000.0)
                .param("ids", List.copyOf(ids))
                .param("owner", owner)
                .update();
    }

    /** False when the lease was lost (expired and taken by another worker): that worker now owns the row. */
    boolean markSent(long id, String owner, int posts) {
        return jdbc.sql("""
                        UPDATE status_changes
                        SET delivery = 'SENT', sent_at = now(), attempts = attempts + :posts, last_error = NULL,
                            next_attempt_at = NULL, locked_by = NULL, locked_until = NULL
                        WHERE id = :id AND locked_by = :owner AND delivery = 'PENDING'""")
                        .param("posts", posts)
                        .param("id", id)
                        .param("owner", owner)
                        .update()
                == 1;
    }

    boolean reschedule(long id, String owner, int posts, Instant nextAttemptAt, String error) {
        return jdbc.sql("""
                        UPDATE status_changes
                        SET attempts = attempts + :posts, next_attempt_at = :next, last_error = :error,
                            locked_by = NULL, locked_until = NULL
                        WHERE id = :id AND locked_by = :owner AND delivery = 'PENDING'""")
                        .param("posts", posts)
                        .param("next", nextAttemptAt.atOffset(ZoneOffset.UTC))
                        .param("error", truncate(error))
                        .param("id", id)
                        .param("owner", owner)
                        .update()
                == 1;
    }

    boolean markFailed(long id, String owner, int posts, String error) {
        return jdbc.sql("""
                        UPDATE status_changes
                        SET delivery = 'FAILED', attempts = attempts + :posts, last_error = :error,
                            next_attempt_at = NULL, locked_by = NULL, locked_until = NULL
                        WHERE id = :id AND locked_by = :owner AND delivery = 'PENDING'""")
                        .param("posts", posts)
                        .param("error", truncate(error))
                        .param("id", id)
                        .param("owner", owner)
                        .update()
                == 1;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 499) + "…";
    }

    /** A reserved alert; {@code attempts} counts POSTs made in earlier rounds. */
    record Claimed(long id, long monitorId, String webhookUrl, String payload, Instant changedAt, int attempts) {}
}
