package com.healthmonitor.worker.dependency;

import static com.healthmonitor.common.database.Timestamps.instant;
import static com.healthmonitor.common.database.Timestamps.utc;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.AlertMessageCodec;
import com.healthmonitor.common.alert.DependencyNote;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.worker.alert.Alerts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Alert dependencies in the worker: whether a status change alerts now, waits, or is held back behind a DOWN
 * dependency, and what a change does to the alerts of the monitors behind it.
 *
 * <p>A monitor going DOWN while a dependency (directly or through others) is DOWN is suppressed, naming the
 * dependency furthest up. Otherwise, when it has dependencies, its alert waits one window (the longest check interval
 * among it and the monitors it is related to, at most {@code max-hold}): a dependency checked by another worker may
 * go DOWN a few seconds later, and then suppresses it. A dependency going DOWN waits the same way for its dependants,
 * so that its one alert names those down with it ("also down: 10 monitors behind Orders DB"); it goes at once when
 * all of them are DOWN already. A recovery follows its DOWN (held with it, suppressed with it). When a dependency
 * recovers, the monitors behind it still DOWN (with no other dependency DOWN) wait one more window: those that
 * recover within it stay silent, the others send their held-back alert then, naming the dependency.
 *
 * <p>Exactly once with several workers: every decision about monitors with dependencies or dependants is made under
 * one transaction-scoped advisory lock, and the state it reads (the latest status changes) is written under it, so
 * two workers never decide on what the other has not committed. Monitors outside the graph never take it. It is
 * taken after the batch's row locks, and nothing done under it waits for a monitor row lock, so it cannot deadlock.
 */
@Component
public class Dependencies {

    private static final Logger log = LoggerFactory.getLogger(Dependencies.class);

    // Transactions deciding about alert dependencies take turns on this key (the API's graph edits use another).
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('monitor_dependencies_alerts'))";

    /** The latest status change of monitor {@code d.id}, for a LATERAL join. */
    private static final String LATEST_CHANGE = """
            (SELECT c.id, c.new_status, c.delivery, c.suppressed_by, c.held_alert FROM status_changes c
             WHERE c.monitor_id = d.id AND c.kind = 'STATUS_CHANGE'
             ORDER BY c.changed_at DESC, c.id DESC LIMIT 1)""";

    private final JdbcClient jdbc;
    private final Alerts alerts;
    private final DependencyProperties properties;
    private final AlertMessageCodec codec = new AlertMessageCodec();

    Dependencies(JdbcClient jdbc, Alerts alerts, DependencyProperties properties) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.properties = properties;
    }

    /**
     * Decides about a transition of {@code monitorId} to {@code to} at {@code at}, before its status change is
     * written. Takes the dependency lock when the monitor has dependencies or dependants.
     */
    public Verdict decide(long monitorId, MonitorStatus to, Instant at) {
        if (!lockIfRelated(monitorId)) {
            return Verdict.UNRELATED;
        }
        if (to != MonitorStatus.DOWN) {
            // A recovery shares the fate of the DOWN it ends: held with it, or held back behind the same dependency.
            Optional<Latest> previous = latest(monitorId);
            if (previous.isPresent() && previous.get().delivery().equals("HELD")) {
                return Verdict.hold(previous.get().heldUntil());
            }
            if (previous.isPresent() && previous.get().suppressedByDependency()) {
                return Verdict.suppress(previous.get().suppressedBy());
            }
            return Verdict.send();
        }
        Optional<Long> down = furthestDownDependency(monitorId);
        if (down.isPresent()) {
            return Verdict.suppress(down.get());
        }
        if (!hasDependencies(monitorId) && allDependantsDown(monitorId)) {
            return Verdict.send();
        }
        return Verdict.hold(at.plus(window(monitorId)));
    }

    /**
     * What a transition does to the monitors behind it, once its own status change is written: a DOWN holds back the
     * alerts its dependants are holding; a recovery gives the held-back alerts of the dependants still DOWN one window
     * (they usually recover with it) before they are sent.
     */
    public void recorded(long monitorId, MonitorStatus to, Instant at, Verdict verdict) {
        if (to == MonitorStatus.DOWN && verdict.inGraph()) {
            long behind = verdict.suppressedBy() != null ? verdict.suppressedBy() : monitorId;
            int suppressed =
                    jdbc.sql("""
                            UPDATE status_changes SET delivery = 'SUPPRESSED', suppressed_by = :behind,
                                                      held_until = NULL
                            WHERE delivery = 'HELD'
                              AND monitor_id IN (SELECT id FROM monitor_descendants(:id))""").param("behind", behind).param("id", monitorId).update();
            if (suppressed > 0) {
                log.info("[DEPENDENCY] monitor={} DOWN: {} held alert(s) behind it suppressed", monitorId, suppressed);
            }
        } else if (to == MonitorStatus.UP && lockIfRelated(monitorId)) {
            holdDependantsStillDown(monitorId, at);
        }
    }

    /** The alert a DOWN sends now, naming the dependants down behind it, if any. */
    public AlertMessage annotate(long monitorId, MonitorStatus to, Verdict verdict, AlertMessage alert) {
        if (to != MonitorStatus.DOWN || !verdict.inGraph()) {
            return alert;
        }
        List<String> names = jdbc.sql("""
                        SELECT m.name FROM monitor_descendants(:id) d
                        JOIN monitors m ON m.id = d.id
                        CROSS JOIN LATERAL %s c
                        WHERE c.new_status = 'DOWN' AND c.delivery = 'SUPPRESSED' AND c.suppressed_by IS NOT NULL
                        ORDER BY m.name, m.id""".formatted(LATEST_CHANGE))
                .param("id", monitorId)
                .query(String.class)
                .list();
        return names.isEmpty()
                ? alert
                : alert.withDependencies(DependencyNote.alsoDown(
                        names.size(), names.subList(0, Math.min(names.size(), DependencyNote.MAX_NAMES))));
    }

    /** The alert as a held status change keeps it, or null when the verdict sends or drops it. */
    public String heldAlert(Verdict verdict, AlertMessage alert) {
        return verdict.sendsNow() ? null : codec.write(alert);
    }

    /**
     * A monitor still DOWN when its maintenance window closes, before its {@code MAINTENANCE -> DOWN} alert is sent:
     * true when a dependency is DOWN now, and then the alert is held back behind it like any other. Its DOWN, which
     * maintenance kept silent, names the dependency and keeps {@code alert}, so that the dependency's recovery gives
     * it the usual wait and sends it then if it is still DOWN ({@link #recorded}); a DOWN that alerted before the
     * window opened has said it all.
     */
    public boolean heldBackAfterMaintenance(long monitorId, AlertMessage alert) {
        if (!lockIfRelated(monitorId)) {
            return false;
        }
        Optional<Long> down = furthestDownDependency(monitorId);
        if (down.isEmpty()) {
            return false;
        }
        jdbc.sql("""
                        UPDATE status_changes SET suppressed_by = :by, held_alert = CAST(:alert AS jsonb)
                        WHERE id = (SELECT c.id FROM status_changes c
                                    WHERE c.monitor_id = :id AND c.kind = 'STATUS_CHANGE'
                                    ORDER BY c.changed_at DESC, c.id DESC LIMIT 1)
                          AND new_status = 'DOWN' AND delivery = 'SUPPRESSED'""")
                .param("by", down.get())
                .param("alert", codec.write(alert))
                .param("id", monitorId)
                .update();
        log.info(
                "[DEPENDENCY] monitor={} still DOWN after maintenance: held back behind monitor={}",
                monitorId,
                down.get());
        return true;
    }

    /** Takes the dependency lock; for the release job. */
    void lock() {
        jdbc.sql(LOCK).query().singleRow();
    }

    /**
     * Ends the wait of a held status change (under the lock): suppressed when a dependency is DOWN now, or when it
     * was held back behind one and has recovered since (a recovery: when its DOWN was), otherwise sent, a DOWN
     * naming the dependants down behind it. Returns false when it must wait for an earlier held change of its
     * monitor.
     */
    boolean release(long changeId) {
        record Held(
                long monitorId,
                MonitorStatus to,
                String alert,
                String webhookUrl,
                boolean enabled,
                Long suppressedBy,
                String suppressorName,
                boolean latest) {}
        Held held = jdbc.sql("""
                        SELECT c.monitor_id, c.new_status, c.held_alert::text AS alert, m.webhook_url,
                               coalesce(m.enabled, FALSE) AS enabled, c.suppressed_by, p.name AS suppressor,
                               NOT EXISTS (SELECT 1 FROM status_changes l
                                           WHERE l.monitor_id = c.monitor_id AND l.kind = 'STATUS_CHANGE'
                                             AND l.id > c.id) AS latest
                        FROM status_changes c
                        LEFT JOIN monitors m ON m.id = c.monitor_id
                        LEFT JOIN monitors p ON p.id = c.suppressed_by
                        WHERE c.id = :id AND c.delivery = 'HELD'""")
                .param("id", changeId)
                .query((rs, n) -> new Held(
                        rs.getLong("monitor_id"),
                        MonitorStatus.valueOf(rs.getString("new_status")),
                        rs.getString("alert"),
                        rs.getString("webhook_url"),
                        rs.getBoolean("enabled"),
                        (Long) rs.getObject("suppressed_by"),
                        rs.getString("suppressor"),
                        rs.getBoolean("latest")))
                .optional()
                .orElse(null);
        if (held == null) {
            return true; // released by another worker
        }
        if (!held.enabled()) {
            // Deleted or switched off while its alert waited: nobody wants to hear about it any more.
            finish(changeId, "NONE", null, true);
            return true;
        }
        Verdict verdict;
        if (held.to() == MonitorStatus.DOWN) {
            Optional<Long> down = furthestDownDependency(held.monitorId());
            if (down.isPresent()) {
                verdict = Verdict.suppress(down.get());
            } else if (held.suppressedBy() != null && !held.latest()) {
                // Held back behind a dependency and recovered with it: it was down only while its dependency was.
                verdict = Verdict.suppress(held.suppressedBy());
            } else {
                verdict = Verdict.send();
            }
        } else {
            Optional<Latest> previous = latest(held.monitorId(), changeId);
            if (previous.isPresent() && previous.get().delivery().equals("HELD")) {
                return false;
            }
            verdict = previous.isPresent() && previous.get().suppressedByDependency()
                    ? Verdict.suppress(previous.get().suppressedBy())
                    : Verdict.send();
        }
        if (!verdict.sendsNow()) {
            finish(changeId, "SUPPRESSED", verdict.suppressedBy(), false);
            log.info(
                    "[DEPENDENCY] monitor={} {} alert suppressed behind monitor={}",
                    held.monitorId(),
                    held.to(),
                    verdict.suppressedBy());
            return true;
        }
        AlertMessage alert = annotate(held.monitorId(), held.to(), verdict, codec.read(held.alert()));
        if (held.suppressedBy() != null && held.to() == MonitorStatus.DOWN) {
            DependencyNote note = alert.dependencies();
            alert = alert.withDependencies(new DependencyNote(
                    note == null ? 0 : note.alsoDown(),
                    note == null ? List.of() : note.alsoDownNames(),
                    held.suppressorName() == null ? "monitor " + held.suppressedBy() : held.suppressorName()));
        }
        send(changeId, held.monitorId(), held.webhookUrl(), alert);
        log.info("[DEPENDENCY] monitor={} {} alert sent after its wait", held.monitorId(), held.to());
        return true;
    }

    /**
     * The held-back DOWN alerts of the dependants still DOWN with no dependency DOWN any more wait one window again
     * (their suppressed_by stays): a dependant that recovers within it stays silent, the others alert then.
     */
    private void holdDependantsStillDown(long monitorId, Instant at) {
        int held = jdbc.sql("""
                        UPDATE status_changes s SET delivery = 'HELD', held_until = :until
                        FROM monitor_descendants(:id) d
                        JOIN monitors m ON m.id = d.id AND m.enabled
                        CROSS JOIN LATERAL %s c
                        WHERE s.id = c.id AND c.new_status = 'DOWN' AND c.delivery = 'SUPPRESSED'
                          AND c.suppressed_by IS NOT NULL AND c.held_alert IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM monitor_ancestors(d.id) a WHERE monitor_is_down(a.id))""".formatted(LATEST_CHANGE))
                .param("until", utc(at.plus(window(monitorId))))
                .param("id", monitorId)
                .update();
        if (held > 0) {
            log.info(
                    "[DEPENDENCY] monitor={} recovered: {} dependant(s) still DOWN alert after a wait",
                    monitorId,
                    held);
        }
    }

    private void send(long changeId, long monitorId, String webhookUrl, AlertMessage alert) {
        int queued = alerts.queueForMonitor(monitorId, changeId, webhookUrl, alert);
        jdbc.sql("""
                        UPDATE status_changes SET delivery = :delivery, held_until = NULL, held_alert = NULL
                        WHERE id = :id""")
                .param("delivery", queued > 0 ? "PENDING" : "NONE")
                .param("id", changeId)
                .update();
    }

    /** Ends a wait without sending; a suppressed alert keeps its message, for when its dependency recovers. */
    private void finish(long changeId, String delivery, Long suppressedBy, boolean dropAlert) {
        jdbc.sql("""
                        UPDATE status_changes
                        SET delivery = :delivery, suppressed_by = :by, held_until = NULL,
                            held_alert = CASE WHEN :drop THEN NULL ELSE held_alert END
                        WHERE id = :id""")
                .param("delivery", delivery)
                .param("by", suppressedBy)
                .param("drop", dropAlert)
                .param("id", changeId)
                .update();
    }

    /** Takes the lock when the monitor has dependencies or dependants; returns whether it has. */
    private boolean lockIfRelated(long monitorId) {
        boolean related =
                jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM monitor_dependencies WHERE monitor_id = :id)
                            OR EXISTS (SELECT 1 FROM monitor_dependencies WHERE depends_on_id = :id)""").param("id", monitorId).query(Boolean.class).single();
        if (related) {
            lock();
        }
        return related;
    }

    /** The DOWN dependency furthest up the chain (the one whose alert names the others), if any. */
    private Optional<Long> furthestDownDependency(long monitorId) {
        return jdbc.sql("""
                        SELECT a.id FROM monitor_ancestors(:id) a WHERE monitor_is_down(a.id)
                        ORDER BY a.depth DESC, a.id LIMIT 1""").param("id", monitorId).query(Long.class).optional();
    }

    private boolean hasDependencies(long monitorId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM monitor_dependencies WHERE monitor_id = :id)")
                .param("id", monitorId)
                .query(Boolean.class)
                .single();
    }

    private boolean allDependantsDown(long monitorId) {
        return jdbc.sql("""
                        SELECT NOT EXISTS (SELECT 1 FROM monitor_descendants(:id) d
                                           JOIN monitors m ON m.id = d.id AND m.enabled
                                           WHERE NOT monitor_is_down(d.id))""").param("id", monitorId).query(Boolean.class).single();
    }

    /** One check interval, the longest among the monitor and those it is related to, at most {@code max-hold}. */
    private Duration window(long monitorId) {
        int seconds = jdbc.sql("""
                        SELECT coalesce(max(m.check_interval), 0) FROM monitors m
                        WHERE m.id = :id OR m.id IN (SELECT id FROM monitor_ancestors(:id))
                           OR m.id IN (SELECT id FROM monitor_descendants(:id))""").param("id", monitorId).query(Integer.class).single();
        Duration interval = Duration.ofSeconds(seconds);
        return interval.compareTo(properties.maxHold()) > 0 ? properties.maxHold() : interval;
    }

    private Optional<Latest> latest(long monitorId) {
        return latest(monitorId, Long.MAX_VALUE);
    }

    /** The monitor's latest status change before {@code beforeId}. */
    private Optional<Latest> latest(long monitorId, long beforeId) {
        return jdbc.sql("""
                        SELECT delivery, suppressed_by, held_until FROM status_changes
                        WHERE monitor_id = :id AND kind = 'STATUS_CHANGE' AND id < :before
                        ORDER BY changed_at DESC, id DESC LIMIT 1""")
                .param("id", monitorId)
                .param("before", beforeId)
                .query((rs, n) -> new Latest(
                        rs.getString("delivery"), (Long) rs.getObject("suppressed_by"), instant(rs, "held_until")))
                .optional();
    }

    /** A monitor's latest status change, as far as dependencies care. */
    private record Latest(String delivery, Long suppressedBy, Instant heldUntil) {

        boolean suppressedByDependency() {
            return delivery.equals("SUPPRESSED") && suppressedBy != null;
        }
    }

    /** Held status changes due at {@code now}, oldest first: their wait is over, or every dependant is DOWN. */
    List<Long> due(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT c.id FROM status_changes c
                        WHERE c.delivery = 'HELD'
                          AND (c.held_until <= :now
                               OR (c.new_status = 'DOWN'
                                   AND NOT EXISTS (SELECT 1 FROM monitor_dependencies d
                                                   WHERE d.monitor_id = c.monitor_id)
                                   AND NOT EXISTS (SELECT 1 FROM monitor_descendants(c.monitor_id) d
                                                   JOIN monitors m ON m.id = d.id AND m.enabled
                                                   WHERE NOT monitor_is_down(d.id))))
                        ORDER BY c.id LIMIT :limit""")
                .param("now", utc(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }
}
