package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.alert.AlertMessage;
import java.util.stream.Collectors;

/**
 * An alert as an email: a subject, the plain-text part (the notice's text) and an HTML part with the same facts in
 * a table.
 */
record EmailContent(String subject, String text, String html) {

    static EmailContent render(AlertMessage message) {
        Notice notice = Notice.of(message);
        String rows = notice.facts().stream()
                .map(fact -> "<tr><th align=\"left\">" + escape(fact.label()) + "</th><td>" + escape(fact.value())
                        + "</td></tr>")
                .collect(Collectors.joining());
        String html = "<html><body><h2 style=\"color:" + color(notice.severity()) + "\">" + escape(notice.title())
                + "</h2><table>" + rows + "</table></body></html>";
        return new EmailContent("[Health Monitor] " + notice.title(), notice.text(), html);
    }

    private static String color(Notice.Severity severity) {
        return String.format("#%06X", DiscordPayload.color(severity));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
