package com.healthmonitor.worker.maintenance;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.check.CheckSettingsJson;
import com.healthmonitor.common.maintenance.MaintenanceWindow;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.worker.alert.Alerts;
import com.healthmonitor.worker.dependency.Dependencies;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices windows opening and closing: flags monitors under maintenance, and when a window closes on a monitor that
 * is still DOWN, queues one alert ({@code MAINTENANCE -> DOWN}), or holds it back while a dependency of the monitor is
 * DOWN ({@link Dependencies#heldBackAfterMaintenance}). Each monitor's flag is flipped under its row lock, so with
 * several workers exactly one sends that alert.
 */
@Component
class MaintenanceJob {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceJob.class);

    private final JdbcClient jdbc;
    private final Alerts alerts;
    private final Dependencies dependencies;
    private final Clock clock;
    private final TransactionTemplate transactions;

    MaintenanceJob(
            JdbcClient jdbc, Alerts alerts, Dependencies dependencies, Clock clock, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.dependencies = dependencies;
        this.clock = clock;
        this.transactions = transactions;
    }

    @Scheduled(
            initialDelayString = "${health-monitor.maintenance.check-interval:15s}",
            fixedDelayString = "${health-monitor.maintenance.check-interval:15s}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("[MAINTENANCE] could not update maintenance state, will retry: {}", e.toString());
        }
    }

    /** One pass at the clock's current time; returns how many monitors left maintenance. */
    int run() {
        Instant now = clock.instant();
        Set<Long> covered = coveredMonitors(now);
        Set<Long> flagged = new HashSet<>(jdbc.sql("SELECT id FROM monitors WHERE in_maintenance")
                .query(Long.class)
                .list());
        for (Long id : covered) {
            if (!flagged.contains(id)) {
                jdbc.sql("UPDATE monitors SET in_maintenance = TRUE WHERE id = :id AND NOT in_maintenance")
                        .param("id", id)
                        .update();
            }
        }
        int ended = 0;
        for (Long id : flagged) {
            if (!covered.contains(id) && Boolean.TRUE.equals(transactions.execute(tx -> end(id, now)))) {
                ended++;
            }
        }
        return ended;
    }

    private Set<Long> coveredMonitors(Instant now) {
        List<MaintenanceWindow> open = jdbc.sql("""
                        SELECT w.id, w.starts_at, w.ends_at, w.cron, w.weekdays, w.time_of_day, w.time_zone,
                               w.duration_minutes
                        FROM maintenance_windows w""").query((rs, n) -> Maintenance.window(rs)).list().stream()
                .filter(window -> window.covers(now))
                .toList();
        Set<Long> covered = new HashSet<>();
        for (MaintenanceWindow window : open) {
            covered.addAll(
                    jdbc.sql("""
                            SELECT m.id FROM monitors m, maintenance_windows w
                            WHERE w.id = :window AND (w.all_monitors OR EXISTS (
                                SELECT 1 FROM maintenance_window_monitors wm
                                WHERE wm.window_id = w.id AND wm.monitor_id = m.id))""").param("window", window.id()).query(Long.class).list());
        }
        return covered;
    }

    private boolean end(long id, Instant now) {
        record Row(String name, String url, String webhookUrl, String status, String error) {}
        Row row = jdbc.sql("""
                        SELECT name, url, target::text AS target, webhook_url, status, last_error FROM monitors
                        WHERE id = :id AND in_maintenance FOR UPDATE""")
                .param("id", id)
                .query((rs, n) -> new Row(
                        rs.getString("name"),
                        CheckSettingsJson.display(rs.getString("url"), rs.getString("target")),
                        rs.getString("webhook_url"),
                        rs.getString("status"),
                        rs.getString("last_error")))
                .optional()
                .orElse(null);
        if (row == null) {
            return false; // another worker ended it
        }
        jdbc.sql("UPDATE monitors SET in_maintenance = FALSE WHERE id = :id")
                .param("id", id)
                .update();
        if (MonitorStatus.DOWN.name().equals(row.status())) {
            AlertMessage message = AlertMessage.maintenanceEnded(id, row.name(), row.url(), row.error(), now);
            if (!dependencies.heldBackAfterMaintenance(id, message)) {
                alerts.queueForMonitor(id, null, row.webhookUrl(), message);
                log.info("[MAINTENANCE] window ended, monitor={} still DOWN: alerted", id);
            }
        }
        return true;
    }
}
