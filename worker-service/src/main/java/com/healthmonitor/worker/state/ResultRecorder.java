package com.healthmonitor.worker.state;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.worker.alert.AlertDetails;
import com.healthmonitor.worker.alert.AlertMessage;
import com.healthmonitor.worker.alert.Alerts;
import com.healthmonitor.worker.maintenance.Maintenance;
import com.healthmonitor.worker.result.CheckResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Applies a check result to the database in one transaction: history row and its hourly rollup, monitor state, and
 * on a status change the status_changes row and one outbox delivery per destination of the monitor. The monitor's row
 * lock serialises results of one monitor across workers.
 */
@Service
public class ResultRecorder {

    private static final Logger log = LoggerFactory.getLogger(ResultRecorder.class);

    private final JdbcClient jdbc;
    private final ThresholdStateMachine stateMachine;
    private final Alerts alerts;
    private final Maintenance maintenance;
    private final CertificateWarnings certificateWarnings;
    private final HourlyRollup hourlyRollup;

    public ResultRecorder(
            JdbcClient jdbc,
            ThresholdStateMachine stateMachine,
            Alerts alerts,
            Maintenance maintenance,
            CertificateWarnings certificateWarnings,
            HourlyRollup hourlyRollup) {
        this.jdbc = jdbc;
        this.stateMachine = stateMachine;
        this.alerts = alerts;
        this.maintenance = maintenance;
        this.certificateWarnings = certificateWarnings;
        this.hourlyRollup = hourlyRollup;
    }

    /**
     * A cheap look before the HTTP check, so deleted, disabled, expired, reconfigured or already-recorded checks
     * cost no request. Not authoritative: {@link #apply} decides again under the row lock.
     */
    public Optional<Applied> skipReason(CheckRequest request) {
        Optional<Precheck> monitor = jdbc.sql("""
                        SELECT m.enabled, m.config_version,
                               EXISTS (SELECT 1 FROM check_results r
                                       WHERE r.monitor_id = m.id AND r.slot = :slot) AS recorded,
                               :slot < now() - greatest(2 * m.check_interval, 60) * interval '1 second' AS expired
                        FROM monitors m WHERE m.id = :id""")
                .param("id", request.monitorId())
                .param("slot", timestamp(request.slot()))
                .query((rs, n) -> new Precheck(rs.getBoolean(1), rs.getLong(2), rs.getBoolean(3), rs.getBoolean(4)))
                .optional();
        if (monitor.isEmpty() || !monitor.get().enabled()) {
            return Optional.of(Applied.MONITOR_GONE);
        }
        if (monitor.get().expired()) {
            return Optional.of(Applied.EXPIRED);
        }
        if (monitor.get().configVersion() != request.configVersion()) {
            return Optional.of(Applied.CONFIG_CHANGED);
        }
        return monitor.get().recorded() ? Optional.of(Applied.DUPLICATE) : Optional.empty();
    }

    @Transactional
    public Applied apply(CheckRequest request, CheckResult result) {
        Optional<MonitorRow> locked = jdbc.sql("""
                        SELECT name, url, webhook_url, enabled, config_version, status, consecutive_failures,
                               consecutive_successes, last_applied_slot, last_status_change_at,
                               fail_threshold, success_threshold, tls_warned_certificate
                        FROM monitors WHERE id = :id FOR UPDATE""")
                .param("id", request.monitorId())
                .query((rs, n) -> new MonitorRow(
                        rs.getString("name"),
                        rs.getString("url"),
                        rs.getString("webhook_url"),
                        rs.getBoolean("enabled"),
                        rs.getLong("config_version"),
                        new MonitorState(
                                MonitorStatus.valueOf(rs.getString("status")),
                                rs.getInt("consecutive_failures"),
                                rs.getInt("consecutive_successes")),
                        instant(rs.getObject("last_applied_slot", OffsetDateTime.class)),
                        instant(rs.getObject("last_status_change_at", OffsetDateTime.class)),
                        rs.getObject("fail_threshold", Integer.class),
                        rs.getObject("success_threshold", Integer.class),
                        rs.getString("tls_warned_certificate")))
                .optional();
        if (locked.isEmpty() || !locked.get().enabled()) {
            return Applied.MONITOR_GONE;
        }
        MonitorRow monitor = locked.get();
        // A changed configuration (URL, expected status, ...) applies from the next check on.
        if (monitor.configVersion() != request.configVersion()) {
            return Applied.CONFIG_CHANGED;
        }
        // During maintenance results are kept, excluded from uptime, and alert nowhere.
        boolean inMaintenance = maintenance.covers(request.monitorId(), result.checkedAt());
        int inserted = jdbc.sql("""
                        INSERT INTO check_results
                            (monitor_id, slot, checked_at, config_version, success, status_code, latency_ms, error,
                             tls_expires_at, in_maintenance)
                        VALUES (:id, :slot, :checkedAt, :configVersion, :success, :statusCode, :latency, :error,
                                :tlsExpiresAt, :inMaintenance)
                        ON CONFLICT (monitor_id, slot) DO NOTHING""")
                .param("id", request.monitorId())
                .param("slot", timestamp(request.slot()))
                .param("checkedAt", timestamp(result.checkedAt()))
                .param("configVersion", request.configVersion())
                .param("success", result.success())
                .param("statusCode", result.statusCode())
                .param("latency", result.latencyMs())
                .param("error", result.error())
                .param("tlsExpiresAt", timestamp(result.tlsExpiresAt()))
                .param("inMaintenance", inMaintenance)
                .update();
        if (inserted == 0) {
            return Applied.DUPLICATE;
        }
        certificateWarnings.recordIfDue(
                request,
                result,
                new CertificateWarnings.Monitor(
                        monitor.name(), monitor.url(), monitor.webhookUrl(), monitor.warnedCertificate()),
                inMaintenance);
        // Results taken during maintenance are kept but do not count towards uptime or latency statistics.
        if (!inMaintenance) {
            hourlyRollup.add(request.monitorId(), request.slot(), result);
        }
        // An older slot arriving late (a straggler or a retried message) is history, not news.
        if (monitor.lastAppliedSlot() != null && !request.slot().isAfter(monitor.lastAppliedSlot())) {
            return Applied.STALE;
        }
        // The thresholds of the row just locked: a change applies from this result on, counters untouched.
        Thresholds thresholds = stateMachine.thresholds(monitor.failThreshold(), monitor.successThreshold());
        ThresholdStateMachine.Outcome outcome = stateMachine.apply(monitor.state(), result.success(), thresholds);
        MonitorState next = outcome.state();
        jdbc.sql("""
                        UPDATE monitors
                        SET status = :status, consecutive_failures = :failures,
                            consecutive_successes = :successes, last_checked_at = :checkedAt,
                            last_status_code = :statusCode, last_latency_ms = :latency, last_error = :error,
                            last_applied_slot = :slot,
                            last_status_change_at = CASE WHEN :changed THEN :checkedAt
                                                         ELSE last_status_change_at END
                        WHERE id = :id""")
                .param("status", next.status().name())
                .param("failures", next.consecutiveFailures())
                .param("successes", next.consecutiveSuccesses())
                .param("checkedAt", timestamp(result.checkedAt()))
                .param("statusCode", result.statusCode())
                .param("latency", result.latencyMs())
                .param("error", result.error())
                .param("slot", timestamp(request.slot()))
                .param("changed", outcome.transition().isPresent())
                .param("id", request.monitorId())
                .update();
        if (outcome.transition().isEmpty()) {
            return Applied.APPLIED;
        }
        recordTransition(request, result, monitor, outcome.transition().get(), inMaintenance);
        return Applied.TRANSITIONED;
    }

    private void recordTransition(
            CheckRequest request, CheckResult result, MonitorRow monitor, Transition change, boolean suppressed) {
        AlertDetails alert = new AlertDetails(
                monitor.name(),
                monitor.url(),
                change.from(),
                change.to(),
                result.checkedAt(),
                result.error(),
                result.latencyMs(),
                change.from() == MonitorStatus.DOWN ? monitor.lastStatusChangeAt() : null);
        long changeId = jdbc.sql("""
                        INSERT INTO status_changes
                            (monitor_id, old_status, new_status, changed_at, slot, reason, delivery)
                        VALUES (:id, :from, :to, :changedAt, :slot, :reason, :delivery)
                        RETURNING id""")
                .param("id", request.monitorId())
                .param("from", change.from().name())
                .param("to", change.to().name())
                .param("changedAt", timestamp(result.checkedAt()))
                .param("slot", timestamp(request.slot()))
                .param("reason", result.error())
                .param("delivery", suppressed ? "SUPPRESSED" : "NONE")
                .query(Long.class)
                .single();
        // A new incident (or its end) starts the reminder count again. A suppressed change flags the monitor so that
        // the window's end is noticed (and alerts if still DOWN) even when the window was too short to be seen.
        jdbc.sql("""
                        UPDATE monitors SET reminders_sent = 0, last_reminder_at = NULL,
                                            in_maintenance = in_maintenance OR :suppressed
                        WHERE id = :id""")
                .param("suppressed", suppressed)
                .param("id", request.monitorId())
                .update();
        if (!suppressed) {
            int queued = alerts.queueForMonitor(
                    request.monitorId(),
                    changeId,
                    monitor.webhookUrl(),
                    AlertMessage.statusChange(request.monitorId(), alert));
            if (queued > 0) {
                jdbc.sql("UPDATE status_changes SET delivery = 'PENDING' WHERE id = :id")
                        .param("id", changeId)
                        .update();
            }
        }
        long monitorId = request.monitorId();
        // Logged once the change is durable; a rolled-back transaction changed nothing.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                log.info("[STATE CHANGE] monitor={} {}", monitorId, change);
            }
        });
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record Precheck(boolean enabled, long configVersion, boolean recorded, boolean expired) {}

    private record MonitorRow(
            String name,
            String url,
            String webhookUrl,
            boolean enabled,
            long configVersion,
            MonitorState state,
            Instant lastAppliedSlot,
            Instant lastStatusChangeAt,
            Integer failThreshold,
            Integer successThreshold,
            String warnedCertificate) {}
}
