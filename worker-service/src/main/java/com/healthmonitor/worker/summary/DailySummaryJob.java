package com.healthmonitor.worker.summary;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.DailySummary;
import com.healthmonitor.worker.alert.Alerts;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the daily summary once a day at the configured local time. The worker that first inserts the day's row in
 * {@code daily_summaries} (its primary key is the date) queues the summary in the same transaction: any number of
 * workers, restarts or late starts send it exactly once that day; a day missed entirely (no worker running) is not
 * sent later.
 */
@Component
class DailySummaryJob {

    private static final Logger log = LoggerFactory.getLogger(DailySummaryJob.class);

    private final JdbcClient jdbc;
    private final Alerts alerts;
    private final SummaryQueries queries;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final String owner;

    DailySummaryJob(
            JdbcClient jdbc, Alerts alerts, SummaryQueries queries, Clock clock, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.queries = queries;
        this.clock = clock;
        this.transactions = transactions;
        this.owner =
                "worker-" + ProcessHandle.current().pid() + "-" + Integer.toHexString(System.identityHashCode(this));
    }

    @Scheduled(
            initialDelayString = "${health-monitor.summary.check-interval:30s}",
            fixedDelayString = "${health-monitor.summary.check-interval:30s}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("[SUMMARY] could not check the daily summary, will retry: {}", e.toString());
        }
    }

    /** Sends today's summary if it is due and nobody sent it yet; true when this call sent it. */
    boolean run() {
        // A template, not @Transactional: scheduled() calls this on the bean itself, past any transaction proxy.
        return Boolean.TRUE.equals(transactions.execute(tx -> sendIfDue()));
    }

    private boolean sendIfDue() {
        Optional<Settings> settings = jdbc.sql(
                        "SELECT enabled, send_time, time_zone, channel_ids FROM daily_summary_settings")
                .query((rs, n) -> new Settings(
                        rs.getBoolean("enabled"),
                        rs.getTime("send_time").toLocalTime(),
                        ZoneId.of(rs.getString("time_zone")),
                        longs(rs.getArray("channel_ids"))))
                .optional();
        if (settings.isEmpty()
                || !settings.get().enabled()
                || settings.get().channelIds().isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(settings.get().zone());
        LocalDate today = local.toLocalDate();
        // Only within the day it is for: a worker starting at 23:00 after missing 09:00 still sends, tomorrow's
        // 08:00 does not send yesterday's.
        if (local.toLocalTime().isBefore(settings.get().time())) {
            return false;
        }
        int claimed = jdbc.sql("""
                        INSERT INTO daily_summaries (summary_date, sent_by) VALUES (:date, :owner)
                        ON CONFLICT (summary_date) DO NOTHING""").param("date", today).param("owner", owner).update();
        if (claimed == 0) {
            return false;
        }
        DailySummary summary = queries.summary(today, now);
        alerts.queueForChannels(settings.get().channelIds(), AlertMessage.summary(summary, now));
        log.info(
                "[SUMMARY] queued the summary for {} to {} channels",
                today,
                settings.get().channelIds().size());
        return true;
    }

    private static List<Long> longs(Array array) throws SQLException {
        return array == null ? List.of() : List.of((Long[]) array.getArray());
    }

    private record Settings(boolean enabled, LocalTime time, ZoneId zone, List<Long> channelIds) {}
}
