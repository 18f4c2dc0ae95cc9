package com.healthmonitor.worker.alert;

import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.common.secret.Secrets;
import java.time.Instant;

/**
 * What an alert says about one status change.
 *
 * @param name the monitor's name
 * @param url the monitored URL, or the target of another type of monitor ({@code tcp://db.internal:5432})
 * @param from status before the change
 * @param to status after the change
 * @param changedAt when the check that crossed the threshold ran
 * @param reason why the check failed, null for a success
 * @param latencyMs latency of that check
 * @param downSince when the monitor went DOWN, for a recovery; null otherwise
 */
public record AlertDetails(
        String name,
        String url,
        MonitorStatus from,
        MonitorStatus to,
        Instant changedAt,
        String reason,
        int latencyMs,
        Instant downSince) {

    // Alerts go to chat rooms: a token in the monitored URL is shown masked, as the API shows it.
    public AlertDetails {
        url = Secrets.maskUrlCredentials(url);
    }

    /** {@code URL} for an HTTP monitor, {@code Target} for the other types. */
    public String targetLabel() {
        return targetLabel(url);
    }

    static String targetLabel(String target) {
        return target == null || target.regionMatches(true, 0, "http", 0, 4) ? "URL" : "Target";
    }
}
