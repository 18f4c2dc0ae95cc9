package com.healthmonitor.worker.state;

import static com.healthmonitor.common.database.Timestamps.utc;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.worker.alert.Alerts;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.result.TlsInspection;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queues one warning per certificate that comes within the monitor's {@code tls_expiry_days} of expiring: an alert
 * of kind {@code TLS_EXPIRY} in status_changes, delivered to the monitor's channels and webhook like a status change.
 * Runs inside the result's transaction, under the monitor's row lock, so concurrent workers cannot both warn about the
 * same certificate. During maintenance nothing is recorded, so the first check after the window warns.
 */
@Component
class CertificateWarnings {

    private static final Logger log = LoggerFactory.getLogger(CertificateWarnings.class);

    private final JdbcClient jdbc;
    private final Alerts alerts;
    private final Clock clock;

    CertificateWarnings(JdbcClient jdbc, Alerts alerts, Clock clock) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Returns whether it warned, i.e. the certificate warned about now, or false. */
    boolean recordIfDue(CheckRequest request, CheckResult result, Monitor monitor, boolean inMaintenance) {
        TlsInspection tls = result.tls();
        if (inMaintenance || tls == null || tls.certificate().equals(monitor.warnedCertificate())) {
            return false;
        }
        Optional<String> warning = tls.warning(clock.instant(), CheckTarget.tlsExpiryDays(request.target()));
        if (warning.isEmpty()) {
            return false;
        }
        long changeId = jdbc.sql("""
                        INSERT INTO status_changes (monitor_id, kind, changed_at, slot, reason, delivery)
                        VALUES (:id, 'TLS_EXPIRY', :changedAt, :slot, :reason, 'NONE')
                        RETURNING id""")
                .param("id", request.monitorId())
                .param("changedAt", utc(result.checkedAt()))
                .param("slot", utc(request.slot()))
                .param("reason", warning.get())
                .query(Long.class)
                .single();
        int queued = alerts.queueForMonitor(
                request.monitorId(),
                changeId,
                monitor.webhookUrl(),
                AlertMessage.certificateWarning(
                        request.monitorId(), monitor.name(), monitor.url(), warning.get(), result.checkedAt()));
        if (queued > 0) {
            jdbc.sql("UPDATE status_changes SET delivery = 'PENDING' WHERE id = :id")
                    .param("id", changeId)
                    .update();
        }
        jdbc.sql("UPDATE monitors SET tls_warned_certificate = :certificate WHERE id = :id")
                .param("certificate", tls.certificate())
                .param("id", request.monitorId())
                .update();
        log.info("[TLS] monitor={} {}", request.monitorId(), warning.get());
        return true;
    }

    /** What the warning needs of the locked monitor row. */
    record Monitor(String name, String url, String webhookUrl, String warnedCertificate) {}
}
