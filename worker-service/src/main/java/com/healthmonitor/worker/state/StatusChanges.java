package com.healthmonitor.worker.state;

import static com.healthmonitor.common.database.Timestamps.utc;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.worker.alert.Alerts;
import com.healthmonitor.worker.dependency.Dependencies;
import com.healthmonitor.worker.dependency.Verdict;
import com.healthmonitor.worker.result.CheckResult;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records a transition: its status_changes row and, unless maintenance suppresses it or its dependencies hold it
 * ({@link Dependencies}), one outbox delivery per destination of the monitor, in the result's transaction.
 * Transitions are rare, so one at a time.
 */
@Component
class StatusChanges {

    private static final Logger log = LoggerFactory.getLogger(StatusChanges.class);

    private final JdbcClient jdbc;
    private final Alerts alerts;
    private final Dependencies dependencies;

    StatusChanges(JdbcClient jdbc, Alerts alerts, Dependencies dependencies) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.dependencies = dependencies;
    }

    /**
     * @param downSince when the monitor last changed status, the start of the incident a DOWN -> UP change ends
     * @param suppressed whether maintenance covers the result: recorded, but alerting nowhere
     */
    void record(
            Recorded recorded, MonitorRows.Locked monitor, Transition change, Instant downSince, boolean suppressed) {
        record(recorded.slot(), recorded.result(), monitor, change, downSince, suppressed);
    }

    /** A transition caused by {@code result}, the slot's verdict (from several locations: its reason names them). */
    void record(
            Instant slot,
            CheckResult result,
            MonitorRows.Locked monitor,
            Transition change,
            Instant downSince,
            boolean suppressed) {
        long monitorId = monitor.id();
        AlertMessage alert = AlertMessage.statusChange(
                monitorId,
                monitor.name(),
                monitor.url(),
                change.from(),
                change.to(),
                result.checkedAt(),
                result.error(),
                result.latencyMs(),
                change.from() == MonitorStatus.DOWN ? downSince : null,
                result.lastPing());
        Verdict verdict =
                suppressed ? Verdict.UNRELATED : dependencies.decide(monitorId, change.to(), result.checkedAt());
        long changeId = jdbc.sql("""
                        INSERT INTO status_changes
                            (monitor_id, old_status, new_status, changed_at, slot, reason, delivery, suppressed_by,
                             held_until, held_alert)
                        VALUES (:id, :from, :to, :changedAt, :slot, :reason, :delivery, :suppressedBy, :heldUntil,
                                CAST(:heldAlert AS jsonb))
                        RETURNING id""")
                .param("id", monitorId)
                .param("from", change.from().name())
                .param("to", change.to().name())
                .param("changedAt", utc(result.checkedAt()))
                .param("slot", utc(slot))
                .param("reason", result.error())
                .param("delivery", suppressed ? "SUPPRESSED" : verdict.delivery())
                .param("suppressedBy", verdict.suppressedBy())
                .param("heldUntil", utc(verdict.heldUntil()))
                .param("heldAlert", dependencies.heldAlert(verdict, alert))
                .query(Long.class)
                .single();
        dependencies.recorded(monitorId, change.to(), result.checkedAt(), verdict);
        if (!suppressed && verdict.sendsNow()) {
            alert = dependencies.annotate(monitorId, change.to(), verdict, alert);
            int queued = alerts.queueForMonitor(monitorId, changeId, monitor.webhookUrl(), alert);
            if (queued > 0) {
                jdbc.sql("UPDATE status_changes SET delivery = 'PENDING' WHERE id = :id")
                        .param("id", changeId)
                        .update();
            }
        }
        // Logged once the change is durable; a rolled-back transaction changed nothing.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try (var id = MDC.putCloseable("monitor_id", Long.toString(monitorId))) {
                    log.info("[STATE CHANGE] monitor={} {}", monitorId, change);
                }
            }
        });
    }
}
