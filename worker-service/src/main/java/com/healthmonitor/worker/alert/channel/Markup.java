package com.healthmonitor.worker.alert.channel;

import java.util.regex.Pattern;

/**
 * Escapes monitor names and target-controlled text (error reasons, URLs) for each chat service's markup, so that a
 * monitor named {@code <!channel>} or a page answering {@code [x](https://evil)} shows as text and neither pings
 * anyone nor becomes a link.
 */
final class Markup {

    private static final Pattern MARKDOWN_SPECIAL = Pattern.compile("([\\\\*_~`|>\\[\\]#<])");
    private static final Pattern LIST_MARKER = Pattern.compile("(?m)^(\\s*)([-+])");
    private static final Pattern MASS_MENTION = Pattern.compile("@(everyone|here|channel)", Pattern.CASE_INSENSITIVE);

    private Markup() {}

    /** Slack mrkdwn and plain {@code text}: {@code &}, {@code <} and {@code >} are its control characters. */
    static String slack(String text) {
        return html(text);
    }

    /** Google Chat card text is HTML; in its message text {@code <users/all>} would mention everyone. */
    static String googleChat(String text) {
        return html(text);
    }

    /** {@code &}, {@code <} and {@code >} as entities: Slack, Google Chat and HTML e-mail alike. */
    static String html(String text) {
        return text == null
                ? null
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Discord markdown: {@link #markdown} (so {@code <@id>} is no mention) and a zero-width space in
     * {@code @everyone}/{@code @here}; the payload's {@code allowed_mentions} turns mentions off as well.
     */
    static String discord(String text) {
        if (text == null) {
            return null;
        }
        return MASS_MENTION.matcher(markdown(text)).replaceAll("@\u200B$1");
    }

    /**
     * Markdown as Teams renders it in Adaptive Cards (and Discord): a backslash before every character that could
     * start emphasis, a link, a heading, a quote or a list, which renders as the character alone.
     */
    static String markdown(String text) {
        if (text == null) {
            return null;
        }
        String escaped = MARKDOWN_SPECIAL.matcher(text).replaceAll("\\\\$1");
        return LIST_MARKER.matcher(escaped).replaceAll("$1\\\\$2");
    }
}
