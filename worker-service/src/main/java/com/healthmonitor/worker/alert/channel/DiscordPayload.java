package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.alert.AlertMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** A Discord webhook message: one embed coloured by status, with the facts as fields and the alert's time. */
final class DiscordPayload {

    static final int RED = 0xE74C3C;
    static final int GREEN = 0x2ECC71;
    static final int ORANGE = 0xF39C12;
    static final int BLUE = 0x3498DB;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DiscordPayload() {}

    static String render(AlertMessage message) {
        Notice notice = Notice.of(message);
        List<Map<String, Object>> fields = notice.facts().stream()
                .map(fact -> {
                    Map<String, Object> field = new LinkedHashMap<>();
                    field.put("name", abbreviate(Markup.discord(fact.label()), 256));
                    field.put("value", abbreviate(Markup.discord(fact.value()), 1024));
                    field.put("inline", false);
                    return field;
                })
                .limit(25) // Discord's limit per embed
                .toList();
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("title", abbreviate(Markup.discord(notice.title()), 256));
        embed.put("color", color(notice.severity()));
        embed.put("fields", fields);
        embed.put("timestamp", Notice.TIME.format(message.at()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", "Health Monitor");
        body.put("embeds", List.of(embed));
        // Belt and braces: whatever the text says, the message pings nobody.
        body.put("allowed_mentions", Map.of("parse", List.of()));
        return JSON.writeValueAsString(body);
    }

    static int color(Notice.Severity severity) {
        return switch (severity) {
            case DOWN -> RED;
            case UP -> GREEN;
            case WARNING -> ORANGE;
            case INFO -> BLUE;
        };
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
