package com.healthmonitor.worker.state;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.worker.alert.SlackPayload;
import com.healthmonitor.worker.alert.StatusChangeRecorded;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.result.TlsInspection;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queues one warning per certificate that comes within the monitor's {@code tls_expiry_days} of expiring: an alert
 * of kind {@code TLS_EXPIRY} in the outbox, sent to the monitor's webhook. Runs inside the result's transaction,
 * under the monitor's row lock, so concurrent workers cannot both warn about the same certificate.
 */
@Component
public class CertificateWarnings {

    private static final Logger log = LoggerFactory.getLogger(CertificateWarnings.class);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CertificateWarnings(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    void recordIfDue(CheckRequest request, CheckResult result, Monitor monitor) {
        TlsInspection tls = result.tls();
        if (tls == null || tls.certificate().equals(monitor.warnedCertificate())) {
            return;
        }
        Optional<String> warning = tls.warning(clock.instant(), request.check().tlsExpiryDays());
        if (warning.isEmpty()) {
            return;
        }
        boolean pending = monitor.webhookUrl() != null;
        jdbc.sql("""
                        INSERT INTO status_changes
                            (monitor_id, kind, changed_at, slot, reason, webhook_url, payload, delivery,
                             next_attempt_at)
                        VALUES (:id, 'TLS_EXPIRY', :changedAt, :slot, :reason, :webhook, CAST(:payload AS jsonb),
                                :delivery, CASE WHEN :pending THEN now() END)""")
                .param("id", request.monitorId())
                .param("changedAt", ResultRecorder.timestamp(result.checkedAt()))
                .param("slot", ResultRecorder.timestamp(request.slot()))
                .param("reason", warning.get())
                .param("webhook", monitor.webhookUrl())
                .param(
                        "payload",
                        SlackPayload.renderCertificateWarning(
                                monitor.name(), monitor.url(), warning.get(), result.checkedAt()))
                .param("delivery", pending ? "PENDING" : "NONE")
                .param("pending", pending)
                .update();
        jdbc.sql("UPDATE monitors SET tls_warned_certificate = :certificate WHERE id = :id")
                .param("certificate", tls.certificate())
                .param("id", request.monitorId())
                .update();
        log.info("[TLS] monitor={} {}", request.monitorId(), warning.get());
        events.publishEvent(new StatusChangeRecorded(request.monitorId(), pending));
    }

    /** What the warning needs of the locked monitor row. */
    record Monitor(String name, String url, String webhookUrl, String warnedCertificate) {}
}
