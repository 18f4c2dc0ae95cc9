package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.alert.AlertMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Google Chat incoming-webhook message: a {@code cardsV2} card whose header is the alert's title and whose
 * widgets are {@code decoratedText} facts (status, name, time, reason, ...), plus the plain {@code text} that
 * notifications show.
 */
final class GoogleChatPayload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GoogleChatPayload() {}

    static String render(AlertMessage message) {
        Notice notice = Notice.of(message);
        List<Map<String, Object>> widgets = notice.facts().stream()
                .map(fact -> Map.<String, Object>of(
                        "decoratedText", Map.of("topLabel", escape(fact.label()), "text", escape(fact.value()))))
                .toList();
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("header", Map.of("title", escape(notice.title()), "subtitle", "Health Monitor"));
        card.put("sections", List.of(Map.of("widgets", widgets)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", escape(notice.title()));
        body.put("cardsV2", List.of(Map.of("cardId", "health-monitor-alert", "card", card)));
        return JSON.writeValueAsString(body);
    }

    private static String escape(String text) {
        return Markup.googleChat(text);
    }
}
