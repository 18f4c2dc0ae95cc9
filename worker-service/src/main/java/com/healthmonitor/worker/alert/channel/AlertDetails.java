package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.DependencyNote;
import com.healthmonitor.common.alert.LastPing;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.common.secret.Secrets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the seed's Slack text says about one status change.
 *
 * @param name the monitor's name
 * @param url the monitored URL, or the target of another type of monitor ({@code tcp://db.internal:5432})
 * @param from status before the change
 * @param to status after the change
 * @param changedAt when the check that crossed the threshold ran
 * @param reason why the check failed, null for a success
 * @param latencyMs latency of that check
 * @param downSince when the monitor went DOWN, for a recovery; null otherwise
 * @param lastPing a heartbeat's last ping, its own line in the alert; null for the polled types
 * @param dependencies the dependants also down, or the dependency the alert was held back for; null when none
 */
record AlertDetails(
        String name,
        String url,
        MonitorStatus from,
        MonitorStatus to,
        Instant changedAt,
        String reason,
        int latencyMs,
        Instant downSince,
        LastPing lastPing,
        DependencyNote dependencies) {

    // Alerts go to chat rooms: a token in the monitored URL is shown masked, as the API shows it.
    AlertDetails {
        url = Secrets.maskUrlCredentials(url);
    }

    /** The status change {@code message} reports. */
    static AlertDetails of(AlertMessage message) {
        return new AlertDetails(
                message.name(),
                message.url(),
                message.from(),
                message.to(),
                message.at(),
                message.reason(),
                message.latencyMs() == null ? 0 : message.latencyMs(),
                message.downSince(),
                message.lastPing(),
                message.dependencies());
    }

    /** A polled monitor's change. */
    AlertDetails(
            String name,
            String url,
            MonitorStatus from,
            MonitorStatus to,
            Instant changedAt,
            String reason,
            int latencyMs,
            Instant downSince) {
        this(name, url, from, to, changedAt, reason, latencyMs, downSince, null, null);
    }

    /**
     * The lines alert dependencies add: {@code Also down: 10 monitors behind Orders DB (A, B, …)}, or
     * {@code Held back: while Orders DB was DOWN}; none without them.
     */
    List<String> dependencyLines() {
        if (dependencies == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        if (dependencies.alsoDown() > 0) {
            List<String> names = dependencies.alsoDownNames();
            int more = dependencies.alsoDown() - names.size();
            lines.add("Also down: " + dependencies.alsoDown()
                    + (dependencies.alsoDown() == 1 ? " monitor" : " monitors")
                    + " behind " + name + " (" + String.join(", ", names) + (more > 0 ? " and " + more + " more" : "")
                    + ")");
        }
        if (dependencies.heldFor() != null) {
            lines.add("Held back: while " + dependencies.heldFor() + " was DOWN");
        }
        return lines;
    }

    /** {@code URL} for an HTTP monitor, {@code Target} for the other types. */
    String targetLabel() {
        return targetLabel(url);
    }

    static String targetLabel(String target) {
        return target == null || target.regionMatches(true, 0, "http", 0, 4) ? "URL" : "Target";
    }

    /** What a heartbeat alert's {@code Last ping} line says: the time, or {@code never}. */
    static String lastPingText(LastPing lastPing) {
        return lastPing.at() == null ? "never" : Notice.TIME.format(lastPing.at());
    }
}
