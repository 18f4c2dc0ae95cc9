package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.DailySummary;
import com.healthmonitor.common.monitor.MonitorStatus;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An alert as every channel shows it: a title, a severity (colour), labelled facts, and the plain text that text-only
 * clients and notifications show. For a status change the text is exactly the seed's Slack text.
 *
 * @param title one line, e.g. {@code 🔴 Checkout API is DOWN}
 * @param severity decides the colour
 * @param facts label and value pairs, in order
 * @param text the plain-text rendering
 */
record Notice(String title, Severity severity, List<Fact> facts, String text) {

    /** How every channel shows an instant: UTC with milliseconds, as the seed's Slack text does. */
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    enum Severity {
        DOWN,
        UP,
        WARNING,
        INFO
    }

    record Fact(String label, String value) {}

    static Notice of(AlertMessage message) {
        return switch (message.kind()) {
            case STATUS_CHANGE -> statusChange(message);
            case TLS_EXPIRY -> certificate(message);
            case REMINDER -> reminder(message);
            case SUMMARY -> summary(message);
            case TEST -> test(message);
            case BURN_RATE -> burnRate(message);
        };
    }

    /**
     * An SLO's error budget burning too fast; {@code reason} says which alert, windows and rates. A tag's objective
     * has no target of its own.
     */
    private static Notice burnRate(AlertMessage message) {
        List<Fact> facts = warningFacts(message);
        String title = "🔥 Error budget burning: " + message.name();
        return new Notice(title, Severity.WARNING, facts, text(title, facts));
    }

    private static Notice statusChange(AlertMessage message) {
        boolean down = message.to() == MonitorStatus.DOWN;
        String title = (down ? "🔴 " : "🟢 ") + message.name() + " is " + message.to();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Status", message.to() + " (was " + message.from() + ")"));
        addMonitor(facts, message);
        facts.add(new Fact("Time", TIME.format(message.at())));
        if (message.reason() != null) {
            facts.add(new Fact("Reason", message.reason()));
        }
        facts.add(new Fact("Latency", (message.latencyMs() == null ? 0 : message.latencyMs()) + " ms"));
        if (!down && message.from() == MonitorStatus.DOWN && message.downSince() != null) {
            facts.add(new Fact(
                    "Down for", SlackPayload.humanDuration(Duration.between(message.downSince(), message.at()))));
        }
        AlertDetails.of(message).dependencyLines().forEach(line -> {
            int colon = line.indexOf(": ");
            facts.add(new Fact(line.substring(0, colon), line.substring(colon + 2)));
        });
        return new Notice(
                title, down ? Severity.DOWN : Severity.UP, facts, SlackPayload.text(AlertDetails.of(message)));
    }

    private static Notice certificate(AlertMessage message) {
        List<Fact> facts = warningFacts(message);
        return new Notice(
                "⚠️ Certificate expiring: " + message.name(),
                Severity.WARNING,
                facts,
                text("⚠️ Certificate expiring", facts));
    }

    /** A warning's facts: which monitor (a tag's objective has no target), why, when. */
    private static List<Fact> warningFacts(AlertMessage message) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Name", message.name()));
        if (message.url() != null) {
            facts.add(new Fact(AlertDetails.targetLabel(message.url()), message.url()));
        }
        facts.add(new Fact("Reason", message.reason()));
        facts.add(new Fact("Time", TIME.format(message.at())));
        return List.copyOf(facts);
    }

    /** The monitor's name and target, and a heartbeat's last ping. */
    private static void addMonitor(List<Fact> facts, AlertMessage message) {
        facts.add(new Fact("Name", message.name()));
        facts.add(new Fact(AlertDetails.targetLabel(message.url()), message.url()));
        if (message.lastPing() != null) {
            facts.add(new Fact("Last ping", AlertDetails.lastPingText(message.lastPing())));
        }
    }

    private static Notice reminder(AlertMessage message) {
        String downFor = compactDuration(Duration.between(message.downSince(), message.at()));
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Status", "DOWN"));
        addMonitor(facts, message);
        facts.add(new Fact("Down since", TIME.format(message.downSince())));
        if (message.reason() != null) {
            facts.add(new Fact("Reason", message.reason()));
        }
        facts.add(new Fact("Reminder", "#" + message.reminder()));
        String title = "🔴 " + message.name() + " still DOWN for " + downFor;
        return new Notice(title, Severity.DOWN, List.copyOf(facts), text(title, facts));
    }

    private static Notice summary(AlertMessage message) {
        DailySummary summary = message.summary();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(
                "Monitors",
                summary.up() + " up, " + summary.down() + " down"
                        + (summary.other() > 0 ? ", " + summary.other() + " other" : "")));
        if (summary.incidents().isEmpty()) {
            facts.add(new Fact("Down in the last 24 h", "none"));
        }
        for (DailySummary.Incident incident : summary.incidents()) {
            facts.add(new Fact(
                    "Down: " + incident.name(),
                    compactDuration(Duration.ofSeconds(incident.downtimeSeconds())) + " in " + incident.incidents()
                            + (incident.incidents() == 1 ? " incident" : " incidents")));
        }
        for (DailySummary.Uptime uptime : summary.worstUptimes()) {
            facts.add(new Fact("Uptime: " + uptime.name(), String.format(Locale.ROOT, "%.2f %%", uptime.percent())));
        }
        for (DailySummary.Latency latency : summary.slowest()) {
            facts.add(new Fact("p95: " + latency.name(), latency.p95Ms() + " ms"));
        }
        String title = "📊 Daily summary " + summary.date();
        Severity severity = summary.down() > 0 ? Severity.DOWN : Severity.INFO;
        return new Notice(title, severity, List.copyOf(facts), text(title, facts));
    }

    private static Notice test(AlertMessage message) {
        String title = "✅ Test message from Health Monitor";
        List<Fact> facts = List.of(new Fact("Channel", message.name()), new Fact("Time", TIME.format(message.at())));
        return new Notice(title, Severity.INFO, facts, text(title, facts));
    }

    private static String text(String title, List<Fact> facts) {
        List<String> lines = new ArrayList<>();
        lines.add(title);
        facts.forEach(fact -> lines.add(fact.label() + ": " + fact.value()));
        return String.join("\n", lines);
    }

    /** {@code 1 h 20 min}, {@code 45 min}, {@code 2 d 3 h}, {@code 30 s}. */
    static String compactDuration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        if (minutes > 0) {
            return minutes + " min";
        }
        return seconds + " s";
    }
}
