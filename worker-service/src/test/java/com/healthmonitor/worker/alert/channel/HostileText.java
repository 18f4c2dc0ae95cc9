package com.healthmonitor.worker.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A monitor name, URL and reason that try every chat service's mentions and markup, and the checks that a payload
 * shows them as text.
 */
final class HostileText {

    static final String NAME = "<!channel> @everyone [x](https://evil) <users/all>";
    static final String URL = "https://shop.example.com/health?token=abc123";
    static final String REASON = "*bold* _it_ <@123> # [y](https://evil)";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // A markdown character with no backslash before it.
    private static final Pattern UNESCAPED_MARKDOWN = Pattern.compile("(?<!\\\\)[\\[\\]<>*_#]");

    private HostileText() {}

    /** Slack and Google Chat: no {@code <} left, so no mention, link or command. */
    static void assertEntityEscaped(String payload, String entityEscapedName) {
        List<String> texts = strings(payload);
        assertThat(texts).isNotEmpty().noneMatch(text -> text.contains("<"));
        assertThat(texts).anyMatch(text -> text.contains(entityEscapedName));
        assertMasked(texts);
    }

    /** Teams and Discord: every markdown character backslash-escaped, so no link, emphasis or mention. */
    static void assertMarkdownEscaped(String payload) {
        List<String> texts = strings(payload);
        assertThat(texts)
                .isNotEmpty()
                .noneMatch(text -> UNESCAPED_MARKDOWN.matcher(text).find())
                .anyMatch(text -> text.contains("\\[x\\](https://evil)"));
        assertMasked(texts);
    }

    private static void assertMasked(List<String> texts) {
        assertThat(texts).noneMatch(text -> text.contains("abc123"));
    }

    /** Every string value in the JSON, at any depth. */
    static List<String> strings(String payload) {
        List<String> out = new ArrayList<>();
        collect(JSON.readTree(payload), out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isString()) {
            out.add(node.asString());
        }
        node.values().forEach(child -> collect(child, out));
    }
}
