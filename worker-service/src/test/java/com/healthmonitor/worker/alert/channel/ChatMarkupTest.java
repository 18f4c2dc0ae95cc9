package com.healthmonitor.worker.alert.channel;

import static com.healthmonitor.common.monitor.MonitorStatus.DOWN;
import static com.healthmonitor.common.monitor.MonitorStatus.UP;
import static com.healthmonitor.worker.alert.channel.HostileText.NAME;
import static com.healthmonitor.worker.alert.channel.HostileText.REASON;
import static com.healthmonitor.worker.alert.channel.HostileText.URL;
import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.DailySummary;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Monitor names and target-controlled text reach every chat service as text: no mention, link or markup, in every
 * kind of alert; and a token in the monitored URL is masked.
 */
class ChatMarkupTest {

    private static final Instant AT = Instant.parse("2026-11-21T10:15:30.123Z");
    private static final String SLACK_NAME = "&lt;!channel&gt; @everyone [x](https://evil) &lt;users/all&gt;";

    static Stream<AlertMessage> everyKind() {
        DailySummary summary = new DailySummary(
                LocalDate.parse("2026-11-21"),
                1,
                1,
                0,
                List.of(new DailySummary.Incident(3, NAME, 60, 1)),
                List.of(new DailySummary.Uptime(3, NAME, 99.5)),
                List.of(new DailySummary.Latency(3, NAME, 912)));
        return Stream.of(
                AlertMessage.statusChange(1, NAME, URL, UP, DOWN, AT, REASON, 5, null),
                AlertMessage.statusChange(1, NAME, URL, DOWN, UP, AT, null, 5, AT.minusSeconds(60)),
                AlertMessage.reminder(1, NAME, URL, REASON, AT, AT.plus(Duration.ofHours(1)), 2, null),
                AlertMessage.certificateWarning(1, NAME, URL, REASON, AT),
                AlertMessage.summary(summary, AT));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void slackEscapesAmpersandAndAngleBracketsInTextAndBlocks(AlertMessage alert) {
        String payload = SlackPayload.render(alert);

        HostileText.assertEntityEscaped(payload, SLACK_NAME);
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void googleChatEscapesItsMentionSyntaxAndHtml(AlertMessage alert) {
        HostileText.assertEntityEscaped(GoogleChatPayload.render(alert), SLACK_NAME);
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void teamsEscapesMarkdownSoNothingBecomesALinkOrEmphasis(AlertMessage alert) {
        HostileText.assertMarkdownEscaped(TeamsPayload.render(alert));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void discordEscapesMarkdownAndMentionsAndAllowsNoMentions(AlertMessage alert) {
        String payload = DiscordPayload.render(alert);

        HostileText.assertMarkdownEscaped(payload);
        assertThat(HostileText.strings(payload)).noneMatch(text -> text.contains("@everyone"));
        assertThat(JsonMapper.builder().build().readTree(payload).get("allowed_mentions"))
                .hasToString("{\"parse\":[]}");
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void emailEscapesHtmlInItsHtmlPart(AlertMessage alert) {
        EmailContent email = EmailContent.render(alert);

        assertThat(email.html())
                .contains("&lt;!channel&gt;")
                .doesNotContain("<!channel>")
                .doesNotContain("<users/all>")
                .doesNotContain("abc123");
        assertThat(email.text()).doesNotContain("abc123");
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void theGenericWebhookGetsTheUrlMasked(AlertMessage alert) {
        assertThat(WebhookPayload.render(alert)).doesNotContain("abc123");
    }
}
