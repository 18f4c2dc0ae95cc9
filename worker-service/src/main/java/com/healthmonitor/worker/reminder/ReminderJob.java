package com.healthmonitor.worker.reminder;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.LastPing;
import com.healthmonitor.common.check.CheckSettingsJson;
import com.healthmonitor.common.database.Timestamps;
import com.healthmonitor.worker.alert.Alerts;
import com.healthmonitor.worker.maintenance.Maintenance;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * While a monitor with {@code remind_every > 0} stays DOWN, queues a reminder to its channels every that many
 * minutes, at most {@code max-reminders} per incident, never during maintenance. Due monitors are locked with SKIP
 * LOCKED and their counters advanced in the same transaction, so several workers send each reminder once.
 */
@Component
class ReminderJob {

    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

    private final JdbcClient jdbc;
    private final Alerts alerts;
    private final Maintenance maintenance;
    private final ReminderProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;

    ReminderJob(
            JdbcClient jdbc,
            Alerts alerts,
            Maintenance maintenance,
            ReminderProperties properties,
            Clock clock,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.maintenance = maintenance;
        this.properties = properties;
        this.clock = clock;
        this.transactions = transactions;
    }

    @Scheduled(
            initialDelayString = "${health-monitor.reminder.check-interval:30s}",
            fixedDelayString = "${health-monitor.reminder.check-interval:30s}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("[REMINDER] could not look for due reminders, will retry: {}", e.toString());
        }
    }

    /** Queues every reminder due at the clock's current time; returns how many monitors were reminded of. */
    int run() {
        Instant now = clock.instant();
        // A template, not @Transactional: scheduled() calls this on the bean itself, past any transaction proxy.
        Integer reminded = transactions.execute(tx -> remind(now));
        return reminded == null ? 0 : reminded;
    }

    private int remind(Instant now) {
        record Due(
                long id,
                String name,
                String url,
                String webhookUrl,
                String error,
                Instant downSince,
                int sent,
                LastPing lastPing) {}
        List<Due> due = jdbc.sql("""
                        SELECT id, type, name, url, target::text AS target, webhook_url, last_error, last_status_change_at,
                               reminders_sent, last_ping_at
                        FROM monitors
                        WHERE enabled AND status = 'DOWN' AND remind_every > 0 AND NOT in_maintenance
                          AND reminders_sent < :max AND last_status_change_at IS NOT NULL
                          AND coalesce(last_reminder_at, last_status_change_at)
                              + remind_every * interval '1 minute' <= :now
                          -- Not while its DOWN alert is held back behind a dependency (V17): it reminds of nothing sent.
                          AND NOT coalesce((SELECT c.delivery = 'HELD'
                                                   OR (c.delivery = 'SUPPRESSED' AND c.suppressed_by IS NOT NULL)
                                            FROM status_changes c
                                            WHERE c.monitor_id = monitors.id AND c.kind = 'STATUS_CHANGE'
                                            ORDER BY c.changed_at DESC, c.id DESC LIMIT 1), FALSE)
                        ORDER BY id
                        FOR UPDATE SKIP LOCKED""")
                .param("max", properties.maxReminders())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Due(
                        rs.getLong("id"),
                        rs.getString("name"),
                        CheckSettingsJson.display(rs.getString("url"), rs.getString("target")),
                        rs.getString("webhook_url"),
                        rs.getString("last_error"),
                        Timestamps.instant(rs, "last_status_change_at"),
                        rs.getInt("reminders_sent"),
                        // A heartbeat's reminder says when the job last reported, as its status change did.
                        "heartbeat".equals(rs.getString("type"))
                                ? new LastPing(Timestamps.instant(rs, "last_ping_at"))
                                : null))
                .list();
        int reminded = 0;
        for (Due monitor : due) {
            if (maintenance.covers(monitor.id(), now)) {
                continue;
            }
            alerts.queueForMonitor(
                    monitor.id(),
                    null,
                    monitor.webhookUrl(),
                    AlertMessage.reminder(
                            monitor.id(),
                            monitor.name(),
                            monitor.url(),
                            monitor.error(),
                            monitor.downSince(),
                            now,
                            monitor.sent() + 1,
                            monitor.lastPing()));
            jdbc.sql("UPDATE monitors SET reminders_sent = reminders_sent + 1, last_reminder_at = :now WHERE id = :id")
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .param("id", monitor.id())
                    .update();
            reminded++;
            log.info("[REMINDER] monitor={} still DOWN, reminder #{}", monitor.id(), monitor.sent() + 1);
        }
        return reminded;
    }
}
