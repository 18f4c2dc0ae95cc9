package com.healthmonitor.worker.alert.channel;

import static com.healthmonitor.common.monitor.MonitorStatus.DOWN;
import static com.healthmonitor.common.monitor.MonitorStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.DailySummary;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The exact body each channel type receives, rendered from one alert. */
class ChannelPayloadsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-11-21T10:15:30.123Z");
    private static final AlertMessage DOWN_ALERT = AlertMessage.statusChange(
            42, "Checkout", "https://shop.example.com/health", UP, DOWN, AT, "HTTP 503", 87, null);

    @Test
    void googleChatCard() {
        assertJson(GoogleChatPayload.render(DOWN_ALERT), """
                {"text": "🔴 Checkout is DOWN",
                 "cardsV2": [{"cardId": "health-monitor-alert", "card": {
                   "header": {"title": "🔴 Checkout is DOWN", "subtitle": "Health Monitor"},
                   "sections": [{"widgets": [
                     {"decoratedText": {"topLabel": "Status", "text": "DOWN (was UP)"}},
                     {"decoratedText": {"topLabel": "Name", "text": "Checkout"}},
                     {"decoratedText": {"topLabel": "URL", "text": "https://shop.example.com/health"}},
                     {"decoratedText": {"topLabel": "Time", "text": "2026-11-21T10:15:30.123Z"}},
                     {"decoratedText": {"topLabel": "Reason", "text": "HTTP 503"}},
                     {"decoratedText": {"topLabel": "Latency", "text": "87 ms"}}]}]}}]}""");
    }

    @Test
    void teamsAdaptiveCard() {
        assertJson(TeamsPayload.render(DOWN_ALERT), """
                {"type": "message", "attachments": [{
                  "contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": null,
                  "content": {"$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard",
                    "version": "1.4", "body": [
                      {"type": "TextBlock", "text": "🔴 Checkout is DOWN", "weight": "Bolder", "size": "Medium",
                       "color": "Attention", "wrap": true},
                      {"type": "FactSet", "facts": [
                        {"title": "Status", "value": "DOWN (was UP)"},
                        {"title": "Name", "value": "Checkout"},
                        {"title": "URL", "value": "https://shop.example.com/health"},
                        {"title": "Time", "value": "2026-11-21T10:15:30.123Z"},
                        {"title": "Reason", "value": "HTTP 503"},
                        {"title": "Latency", "value": "87 ms"}]}]}}]}""");
    }

    @Test
    void discordEmbed() {
        assertJson(DiscordPayload.render(DOWN_ALERT), """
                {"username": "Health Monitor", "embeds": [{
                  "title": "🔴 Checkout is DOWN", "color": 15158332,
                  "fields": [
                    {"name": "Status", "value": "DOWN (was UP)", "inline": false},
                    {"name": "Name", "value": "Checkout", "inline": false},
                    {"name": "URL", "value": "https://shop.example.com/health", "inline": false},
                    {"name": "Time", "value": "2026-11-21T10:15:30.123Z", "inline": false},
                    {"name": "Reason", "value": "HTTP 503", "inline": false},
                    {"name": "Latency", "value": "87 ms", "inline": false}],
                  "timestamp": "2026-11-21T10:15:30.123Z"}],
                 "allowed_mentions": {"parse": []}}""");
    }

    @Test
    void genericWebhookJson() {
        assertJson(WebhookPayload.render(DOWN_ALERT), """
                {"event": "status_change", "monitor_id": 42, "name": "Checkout",
                 "url": "https://shop.example.com/health", "old_status": "UP", "new_status": "DOWN",
                 "time": "2026-11-21T10:15:30.123Z", "reason": "HTTP 503", "latency_ms": 87, "down_since": null,
                 "text": "%s"}""".formatted(
                        SlackPayload.text(AlertDetails.of(DOWN_ALERT)).replace("\n", "\\n")));
    }

    @Test
    void signatureIsTheHexHmacSha256OfTheBody() {
        // The widely published example value of HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
        assertThat(WebhookPayload.signature("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void slackStatusChangeIsTheSeedsMessage() {
        assertThat(SlackPayload.render(DOWN_ALERT)).isEqualTo(SlackPayload.render(AlertDetails.of(DOWN_ALERT)));
    }

    @Test
    void emailHasASubjectAPlainPartAndAnEscapedHtmlPart() {
        AlertMessage alert =
                AlertMessage.statusChange(1, "A<b>", "https://a.example.com/", UP, DOWN, AT, "x & y", 5, null);

        EmailContent email = EmailContent.render(alert);

        assertThat(email.subject()).isEqualTo("[Health Monitor] 🔴 A<b> is DOWN");
        assertThat(email.text()).isEqualTo(SlackPayload.text(AlertDetails.of(alert)));
        assertThat(email.html())
                .contains("<h2 style=\"color:#E74C3C\">🔴 A&lt;b&gt; is DOWN</h2>")
                .contains("<tr><th align=\"left\">Reason</th><td>x &amp; y</td></tr>");
    }

    @Test
    void reminderSaysHowLongTheMonitorHasBeenDown() {
        AlertMessage reminder = AlertMessage.reminder(
                7,
                "Checkout",
                "https://shop.example.com/health",
                "HTTP 503",
                AT,
                AT.plus(Duration.ofMinutes(80)),
                3,
                null);

        assertThat(Notice.of(reminder).text()).isEqualTo("""
                🔴 Checkout still DOWN for 1 h 20 min
                Status: DOWN
                Name: Checkout
                URL: https://shop.example.com/health
                Down since: 2026-11-21T10:15:30.123Z
                Reason: HTTP 503
                Reminder: #3""");
    }

    @Test
    void summaryListsCountsIncidentsUptimesAndLatencies() {
        DailySummary summary = new DailySummary(
                LocalDate.parse("2026-11-21"),
                8,
                1,
                0,
                List.of(new DailySummary.Incident(3, "Checkout", 4_980, 2)),
                List.of(new DailySummary.Uptime(3, "Checkout", 94.2361)),
                List.of(new DailySummary.Latency(5, "Search", 912)));

        assertThat(Notice.of(AlertMessage.summary(summary, AT)).text()).isEqualTo("""
                📊 Daily summary 2026-11-21
                Monitors: 8 up, 1 down
                Down: Checkout: 1 h 23 min in 2 incidents
                Uptime: Checkout: 94.24 %
                p95: Search: 912 ms""");
    }

    @Test
    void compactDurations() {
        assertThat(Notice.compactDuration(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(Notice.compactDuration(Duration.ofMinutes(45))).isEqualTo("45 min");
        assertThat(Notice.compactDuration(Duration.ofMinutes(60))).isEqualTo("1 h");
        assertThat(Notice.compactDuration(Duration.ofHours(51))).isEqualTo("2 d 3 h");
    }

    private static void assertJson(String actual, String expected) {
        assertThat(JSON.readTree(actual)).isEqualTo(JSON.readTree(expected));
    }
}
