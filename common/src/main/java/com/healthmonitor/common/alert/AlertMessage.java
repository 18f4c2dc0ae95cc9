package com.healthmonitor.common.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.common.secret.Secrets;
import java.time.Instant;

/**
 * One alert, independent of any channel: the message the api and the worker's jobs queue in the alert outbox (through
 * {@link AlertOutbox}, as JSON through {@link AlertMessageCodec}) and the worker renders per channel type when it
 * sends it. Fields that do not apply to a kind are null.
 *
 * <p>Version 1 is the format stored since the outbox began; it is written without a {@code version} field, as it
 * always was, so that workers from before the field keep reading it during a rolling upgrade, and a message without
 * the field reads as version 1. A later version that older workers must not misread is written with its number, and
 * those workers leave it pending for a newer one ({@link AlertMessageCodec#read}).
 *
 * @param version message format version: {@link #CURRENT_VERSION}, or {@link #NEWEST_VERSION} for a burn-rate alert
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
 * @param lastPing a heartbeat's last ping at a status change; null for the polled types and for messages stored
 *     before it existed (an added field: older workers ignore it, so the version stays 1)
 * @param dependencies what alert dependencies add to a status change (the dependants also down, or the dependency
 *     it was held back for); null otherwise (an added field, as {@code lastPing})
 */
public record AlertMessage(
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = VersionOneIsNotWritten.class)
        int version,

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
        LastPing lastPing,
        @JsonInclude(JsonInclude.Include.NON_NULL) DependencyNote dependencies) {

    public static final int CURRENT_VERSION = 1;

    /**
     * The newest version this build reads. Version 2 adds the kind {@link AlertKind#BURN_RATE}, which readers of
     * version 1 do not know: only those messages are written as 2, so that older workers still send all others.
     */
    public static final int NEWEST_VERSION = 2;

    // Alerts go to chat rooms and mailboxes: a token in the monitored URL is shown masked, as the API shows it.
    public AlertMessage {
        if (version < 1) {
            throw new IllegalArgumentException("alert message version must be positive");
        }
        url = Secrets.maskUrlCredentials(url);
    }

    /** A polled monitor (http, tcp, dns) changed status: no last ping. */
    public static AlertMessage statusChange(
            long monitorId,
            String name,
            String url,
            MonitorStatus from,
            MonitorStatus to,
            Instant changedAt,
            String reason,
            int latencyMs,
            Instant downSince) {
        return statusChange(monitorId, name, url, from, to, changedAt, reason, latencyMs, downSince, null);
    }

    /**
     * A monitor changed status.
     *
     * @param changedAt when the check that crossed the threshold ran
     * @param reason why that check failed, null for a success
     * @param downSince when the monitor went DOWN, for a recovery; null otherwise
     * @param lastPing a heartbeat's last ping, null for the polled types
     */
    public static AlertMessage statusChange(
            long monitorId,
            String name,
            String url,
            MonitorStatus from,
            MonitorStatus to,
            Instant changedAt,
            String reason,
            int latencyMs,
            Instant downSince,
            LastPing lastPing) {
        return Fields.ofMonitor(AlertKind.STATUS_CHANGE, monitorId, name, url, changedAt, reason)
                .status(from, to)
                .latencyMs(latencyMs)
                .downSince(downSince)
                .lastPing(lastPing)
                .message();
    }

    public static AlertMessage certificateWarning(
            long monitorId, String name, String url, String reason, Instant checkedAt) {
        return Fields.ofMonitor(AlertKind.TLS_EXPIRY, monitorId, name, url, checkedAt, reason)
                .message();
    }

    /** A monitor still DOWN; {@code lastPing} for a heartbeat, null for the polled types. */
    public static AlertMessage reminder(
            long monitorId,
            String name,
            String url,
            String reason,
            Instant downSince,
            Instant now,
            int number,
            LastPing lastPing) {
        return Fields.ofMonitor(AlertKind.REMINDER, monitorId, name, url, now, reason)
                .status(MonitorStatus.DOWN, MonitorStatus.DOWN)
                .downSince(downSince)
                .reminder(number)
                .lastPing(lastPing)
                .message();
    }

    public static AlertMessage summary(DailySummary summary, Instant now) {
        return Fields.named(AlertKind.SUMMARY, "Daily summary", now)
                .summary(summary)
                .message();
    }

    public static AlertMessage test(String channelName, Instant now) {
        return Fields.named(AlertKind.TEST, channelName, now).message();
    }

    /**
     * A monitor still DOWN when its maintenance window ends: a status change from {@code MAINTENANCE} to
     * {@code DOWN} without a status change row.
     */
    public static AlertMessage maintenanceEnded(long monitorId, String name, String url, String reason, Instant now) {
        return Fields.ofMonitor(AlertKind.STATUS_CHANGE, monitorId, name, url, now, reason)
                .status(MonitorStatus.MAINTENANCE, MonitorStatus.DOWN)
                .message();
    }

    /**
     * A monitor's error budget burns faster than its objective allows (issue 25's multi-window burn-rate alerts).
     *
     * @param reason what burns: the severity, the windows, their burn rates and the threshold
     */
    public static AlertMessage burnRate(long monitorId, String name, String url, String reason, Instant now) {
        return Fields.ofMonitor(AlertKind.BURN_RATE, monitorId, name, url, now, reason)
                .message();
    }

    /**
     * A tag's objective burns faster than it allows: the tagged monitors counted as one service, so no monitor and no
     * URL; {@code name} says which tag ({@code tag team:shop}).
     */
    public static AlertMessage burnRateOfTag(String tag, String reason, Instant now) {
        return Fields.named(AlertKind.BURN_RATE, "tag " + tag, now)
                .reason(reason)
                .message();
    }

    /** This status change with what its dependencies add to it. */
    public AlertMessage withDependencies(DependencyNote note) {
        return new AlertMessage(
                version, kind, monitorId, name, url, from, to, at, reason, latencyMs, downSince, reminder, summary,
                lastPing, note);
    }

    /**
     * The fields a factory sets, so that each states only what its kind has; the rest stay null. The version follows
     * from the kind: only burn-rate alerts are written as {@link #NEWEST_VERSION}, so that older workers still read
     * every other kind.
     */
    private static final class Fields {
        private final AlertKind kind;
        private final String name;
        private final Instant at;
        private Long monitorId;
        private String url;
        private MonitorStatus from;
        private MonitorStatus to;
        private String reason;
        private Integer latencyMs;
        private Instant downSince;
        private Integer reminder;
        private DailySummary summary;
        private LastPing lastPing;

        private Fields(AlertKind kind, String name, Instant at) {
            this.kind = kind;
            this.name = name;
            this.at = at;
        }

        /** An alert of no monitor: a summary, a channel's test, a tag's burn rate. */
        static Fields named(AlertKind kind, String name, Instant at) {
            return new Fields(kind, name, at);
        }

        static Fields ofMonitor(AlertKind kind, long monitorId, String name, String url, Instant at, String reason) {
            Fields fields = new Fields(kind, name, at);
            fields.monitorId = monitorId;
            fields.url = url;
            return fields.reason(reason);
        }

        Fields reason(String reason) {
            this.reason = reason;
            return this;
        }

        Fields status(MonitorStatus from, MonitorStatus to) {
            this.from = from;
            this.to = to;
            return this;
        }

        Fields latencyMs(int latencyMs) {
            this.latencyMs = latencyMs;
            return this;
        }

        Fields downSince(Instant downSince) {
            this.downSince = downSince;
            return this;
        }

        Fields reminder(int reminder) {
            this.reminder = reminder;
            return this;
        }

        Fields summary(DailySummary summary) {
            this.summary = summary;
            return this;
        }

        Fields lastPing(LastPing lastPing) {
            this.lastPing = lastPing;
            return this;
        }

        AlertMessage message() {
            return new AlertMessage(
                    kind == AlertKind.BURN_RATE ? NEWEST_VERSION : CURRENT_VERSION,
                    kind,
                    monitorId,
                    name,
                    url,
                    from,
                    to,
                    at,
                    reason,
                    latencyMs,
                    downSince,
                    reminder,
                    summary,
                    lastPing,
                    null);
        }
    }

    /** Leaves version 1 out of the JSON, as it was written before the field existed. */
    static final class VersionOneIsNotWritten {
        @Override
        public boolean equals(Object value) {
            return value instanceof Integer version && version == 1;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }
}
