package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.alert.AlertMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Microsoft Teams Workflows (Power Automate) webhook message: a {@code message} with one Adaptive Card attachment,
 * a coloured title and a FactSet. Workflows accept Adaptive Cards only, not the retired connector MessageCard.
 */
final class TeamsPayload {

    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TeamsPayload() {}

    static String render(AlertMessage message) {
        Notice notice = Notice.of(message);
        Map<String, Object> title = new LinkedHashMap<>();
        title.put("type", "TextBlock");
        title.put("text", Markup.markdown(notice.title()));
        title.put("weight", "Bolder");
        title.put("size", "Medium");
        title.put("color", color(notice.severity()));
        title.put("wrap", true);
        List<Map<String, Object>> facts = new ArrayList<>();
        notice.facts()
                .forEach(fact -> facts.add(
                        Map.of("title", Markup.markdown(fact.label()), "value", Markup.markdown(fact.value()))));
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", List.of(title, Map.of("type", "FactSet", "facts", facts)));
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", CONTENT_TYPE);
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "message");
        body.put("attachments", List.of(attachment));
        return JSON.writeValueAsString(body);
    }

    private static String color(Notice.Severity severity) {
        return switch (severity) {
            case DOWN -> "Attention";
            case UP -> "Good";
            case WARNING -> "Warning";
            case INFO -> "Accent";
        };
    }
}
