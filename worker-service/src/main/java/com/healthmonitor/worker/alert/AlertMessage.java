package com.healthmonitor.worker.alert;

import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.common.secret.Secrets;
import com.healthmonitor.worker.result.LastPing;
import java.time.Instant;

/**
 * One alert, independent of any channel: stored with each delivery and rendered per channel type when it is sent.
 * Fields that do not apply to a kind are null.
 *
 * @param kind what the alert is about
 * @param monitorId the monitor, null for summaries and tests
 * @param name the monitor's name (the channel's name for a test)
 * @param url the monitored URL, or the target of another type of monitor ({@code tcp://db.internal:5432})
 * @param from status before a change
 * @param to status after a change (DOWN for a reminder)
 * @param at when it happened: the check that crossed the threshold, the reminder's time, the summary's time
 * @param reason why the check failed or what the warning says
 * @param latencyMs latency of the check
 * @param downSince when the monitor went DOWN (recoveries and reminders)
 * @param reminder the reminder's number within the incident
 * @param summary the daily summary's content
 * @param lastPing a heartbeat's last ping at a status change; null for the polled types and older stored alerts
 */
public record AlertMessage(
        AlertKind kind,
        Long monitorId,
        String name,
        String url,
        MonitorStatus from,
        MonitorStatus to,
        Instant at,
        String reason,
        Integer latencyMs,
        Instant downSince,
        Integer reminder,
        DailySummary summary,
        LastPing lastPing) {

    // Alerts go to chat rooms and mailboxes: a token in the monitored URL is shown masked, as the API shows it.
    public AlertMessage {
        url = Secrets.maskUrlCredentials(url);
    }

    /** An alert without a last ping: all but a heartbeat's status change. */
    public AlertMessage(
            AlertKind kind,
            Long monitorId,
            String name,
            String url,
            MonitorStatus from,
            MonitorStatus to,
            Instant at,
            String reason,
            Integer latencyMs,
            Instant downSince,
            Integer reminder,
            DailySummary summary) {
        this(kind, monitorId, name, url, from, to, at, reason, latencyMs, downSince, reminder, summary, null);
    }

    public static AlertMessage statusChange(long monitorId, AlertDetails details) {
        return new AlertMessage(
                AlertKind.STATUS_CHANGE,
                monitorId,
                details.name(),
                details.url(),
                details.from(),
                details.to(),
                details.changedAt(),
                details.reason(),
                details.latencyMs(),
                details.downSince(),
                null,
                null,
                details.lastPing());
    }

    public static AlertMessage certificateWarning(
            long monitorId, String name, String url, String reason, Instant checkedAt) {
        return new AlertMessage(
                AlertKind.TLS_EXPIRY, monitorId, name, url, null, null, checkedAt, reason, null, null, null, null);
    }

    public static AlertMessage reminder(
            long monitorId, String name, String url, String reason, Instant downSince, Instant now, int number) {
        return new AlertMessage(
                AlertKind.REMINDER,
                monitorId,
                name,
                url,
                MonitorStatus.DOWN,
                MonitorStatus.DOWN,
                now,
                reason,
                null,
                downSince,
                number,
                null);
    }

    public static AlertMessage summary(DailySummary summary, Instant now) {
        return new AlertMessage(
                AlertKind.SUMMARY, null, "Daily summary", null, null, null, now, null, null, null, null, summary);
    }

    public static AlertMessage test(String channelName, Instant now) {
        return new AlertMessage(AlertKind.TEST, null, channelName, null, null, null, now, null, null, null, null, null);
    }

    /** {@code URL} for an HTTP monitor, {@code Target} for the other types. */
    String targetLabel() {
        return AlertDetails.targetLabel(url);
    }

    /** The seed's view of a status change, for the Slack text. */
    AlertDetails details() {
        return new AlertDetails(
                name, url, from, to, at, reason, latencyMs == null ? 0 : latencyMs, downSince, lastPing);
    }
}
