package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.alert.AlertKind;
import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.monitor.MonitorStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders the Slack message for a status change: {@code text} (the plain lines every client and notification
 * shows) and Block Kit {@code blocks} with the same content and a status emoji.
 */
final class SlackPayload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SlackPayload() {}

    /** The whole JSON body to POST to the webhook. */
    static String render(AlertDetails alert) {
        Map<String, Object> section =
                Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", blockText(alert)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text(alert, SlackPayload::escape));
        body.put("blocks", List.of(section));
        return JSON.writeValueAsString(body);
    }

    /**
     * The Slack message for any alert: a status change exactly as {@link #render(AlertDetails)}, anything else as
     * its notice's text with a Block Kit header and fields.
     */
    static String render(AlertMessage message) {
        if (message.kind() == AlertKind.STATUS_CHANGE) {
            return render(AlertDetails.of(message));
        }
        if (message.kind() == AlertKind.TLS_EXPIRY) {
            return renderCertificateWarning(message.name(), message.url(), message.reason(), message.at());
        }
        Notice notice = Notice.of(message);
        List<String> lines = new ArrayList<>();
        lines.add("*" + escape(notice.title()) + "*");
        notice.facts().forEach(fact -> lines.add(escape(fact.label()) + ": " + escape(fact.value())));
        Map<String, Object> section =
                Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", String.join("\n", lines)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", escape(notice.text()));
        body.put("blocks", List.of(section));
        return JSON.writeValueAsString(body);
    }

    /**
     * A certificate about to expire: not a status change, so its own message ({@code reason} names the days left).
     */
    static String renderCertificateWarning(String name, String url, String reason, Instant checkedAt) {
        String text = String.join(
                "\n",
                "⚠️ Certificate expiring",
                "Name: " + escape(name),
                AlertDetails.targetLabel(url) + ": " + escape(url),
                "Reason: " + escape(reason),
                "Time: " + Notice.TIME.format(checkedAt));
        String block = String.join(
                "\n",
                "⚠️ *" + escape(name) + "*: " + escape(reason),
                AlertDetails.targetLabel(url) + ": " + escape(url),
                "Time: " + Notice.TIME.format(checkedAt));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("blocks", List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", block))));
        return JSON.writeValueAsString(body);
    }

    /**
     * The {@code text} lines, exactly as the design shows them, then the helpful extras; unescaped, as the plain
     * text of other channels (Slack's own {@code text} escapes the fields).
     */
    static String text(AlertDetails alert) {
        return text(alert, UnaryOperator.identity());
    }

    private static String text(AlertDetails alert, UnaryOperator<String> escape) {
        List<String> lines = new ArrayList<>();
        lines.add("🔔 API Status Changed");
        lines.add("Name: " + escape.apply(alert.name()));
        lines.add(alert.targetLabel() + ": " + escape.apply(alert.url()));
        if (alert.lastPing() != null) {
            lines.add("Last ping: " + AlertDetails.lastPingText(alert.lastPing()));
        }
        lines.add("Old: " + alert.from() + " -> New: " + alert.to());
        lines.add("Time: " + Notice.TIME.format(alert.changedAt()));
        extras(alert).forEach(line -> lines.add(escape.apply(line)));
        return String.join("\n", lines);
    }

    private static String blockText(AlertDetails alert) {
        String emoji = alert.to() == MonitorStatus.DOWN ? "🔴" : "🟢";
        List<String> lines = new ArrayList<>();
        lines.add(emoji + " *" + escape(alert.name()) + "* is *" + alert.to() + "* (was " + alert.from() + ")");
        lines.add(alert.targetLabel() + ": " + escape(alert.url()));
        if (alert.lastPing() != null) {
            lines.add("Last ping: " + AlertDetails.lastPingText(alert.lastPing()));
        }
        lines.add("Time: " + Notice.TIME.format(alert.changedAt()));
        extras(alert).forEach(line -> lines.add(escape(line)));
        return String.join("\n", lines);
    }

    private static List<String> extras(AlertDetails alert) {
        List<String> lines = new ArrayList<>();
        if (alert.reason() != null) {
            lines.add("Reason: " + alert.reason());
        }
        lines.add("Latency: " + alert.latencyMs() + " ms");
        if (alert.to() == MonitorStatus.UP && alert.from() == MonitorStatus.DOWN && alert.downSince() != null) {
            lines.add("Down for: " + humanDuration(Duration.between(alert.downSince(), alert.changedAt())));
        }
        lines.addAll(alert.dependencyLines());
        return lines;
    }

    /** {@code 4m 12s}, {@code 2h 0m 5s}, {@code 3d 1h 0m 0s}; never negative. */
    static String humanDuration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + "d " + hours + "h " + minutes + "m " + secs + "s";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m " + secs + "s";
        }
        if (minutes > 0) {
            return minutes + "m " + secs + "s";
        }
        return secs + "s";
    }

    private static String escape(String text) {
        return Markup.slack(text);
    }
}
