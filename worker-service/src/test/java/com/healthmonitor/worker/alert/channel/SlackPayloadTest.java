package com.healthmonitor.worker.alert.channel;

import static com.healthmonitor.common.monitor.MonitorStatus.DOWN;
import static com.healthmonitor.common.monitor.MonitorStatus.UNKNOWN;
import static com.healthmonitor.common.monitor.MonitorStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.DependencyNote;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SlackPayloadTest {

    private static final Instant TIME = Instant.parse("2026-01-20T10:30:00Z");

    @Test
    void rendersTheDesignedLinesForAFirstStatus() {
        AlertDetails alert =
                new AlertDetails("Google Homepage", "https://google.com/", UNKNOWN, UP, TIME, null, 87, null);

        assertThat(SlackPayload.text(alert)).isEqualTo("""
                🔔 API Status Changed
                Name: Google Homepage
                URL: https://google.com/
                Old: UNKNOWN -> New: UP
                Time: 2026-01-20T10:30:00.000Z
                Latency: 87 ms""");
    }

    @Test
    void namesTheReasonWhenAMonitorGoesDown() {
        AlertDetails alert = new AlertDetails(
                "Billing API",
                "https://billing.example.com/health",
                UP,
                DOWN,
                TIME.plusMillis(123),
                "unexpected status 503 (expected 200)",
                123,
                null);

        assertThat(SlackPayload.text(alert)).isEqualTo("""
                🔔 API Status Changed
                Name: Billing API
                URL: https://billing.example.com/health
                Old: UP -> New: DOWN
                Time: 2026-01-20T10:30:00.123Z
                Reason: unexpected status 503 (expected 200)
                Latency: 123 ms""");
    }

    @Test
    void aDependencysAlertListsTheDependantsDownBehindItAndAHeldBackOneNamesItsDependency() {
        AlertDetails parent = AlertDetails.of(AlertMessage.statusChange(
                        7, "Orders DB", "https://db.example.com/", UP, DOWN, TIME, "timeout after 5s", 5000, null)
                .withDependencies(DependencyNote.alsoDown(12, List.of("A", "B"))));
        AlertDetails dependant = AlertDetails.of(AlertMessage.statusChange(
                        8, "Orders API", "https://api.example.com/", UP, DOWN, TIME, "timeout after 5s", 5000, null)
                .withDependencies(DependencyNote.heldFor("Orders DB")));

        assertThat(SlackPayload.text(parent)).endsWith("""
                Latency: 5000 ms
                Also down: 12 monitors behind Orders DB (A, B and 10 more)""");
        assertThat(SlackPayload.text(dependant)).endsWith("""
                Latency: 5000 ms
                Held back: while Orders DB was DOWN""");
        assertThat(Notice.of(AlertMessage.statusChange(
                                        7, "Orders DB", "https://db.example.com/", UP, DOWN, TIME, null, 1, null)
                                .withDependencies(DependencyNote.alsoDown(1, List.of("A"))))
                        .facts())
                .contains(new Notice.Fact("Also down", "1 monitor behind Orders DB (A)"));
    }

    @Test
    void saysHowLongTheMonitorWasDownOnRecovery() {
        AlertDetails alert = new AlertDetails(
                "Billing API",
                "https://billing.example.com/health",
                DOWN,
                UP,
                TIME,
                null,
                45,
                TIME.minus(Duration.ofMinutes(4).plusSeconds(12)));

        assertThat(SlackPayload.text(alert)).endsWith("""
                Old: DOWN -> New: UP
                Time: 2026-01-20T10:30:00.000Z
                Latency: 45 ms
                Down for: 4m 12s""");
    }

    @Test
    void carriesTheSameContentInBlocksWithAStatusEmojiAndEscapedMarkup() {
        AlertDetails alert =
                new AlertDetails("A <b> & co", "https://x.example/", UP, DOWN, TIME, "timeout after 5s", 5001, null);

        JsonNode json = JsonMapper.builder().build().readTree(SlackPayload.render(alert));

        // The plain text fallback is mrkdwn too: the same fields, escaped.
        assertThat(json.get("text").asString())
                .isEqualTo(SlackPayload.text(alert).replace("A <b> & co", "A &lt;b&gt; &amp; co"));
        JsonNode block = json.get("blocks").get(0);
        assertThat(block.get("type").asString()).isEqualTo("section");
        assertThat(block.get("text").get("type").asString()).isEqualTo("mrkdwn");
        assertThat(block.get("text").get("text").asString())
                .startsWith("🔴 *A &lt;b&gt; &amp; co* is *DOWN* (was UP)")
                .contains("Reason: timeout after 5s", "Latency: 5001 ms", "Time: 2026-01-20T10:30:00.000Z");
    }

    @Test
    void usesAGreenEmojiForUp() {
        AlertDetails alert = new AlertDetails("n", "https://x.example/", DOWN, UP, TIME, null, 1, null);

        assertThat(SlackPayload.render(alert)).contains("🟢 *n* is *UP* (was DOWN)");
    }

    @Test
    void formatsDurationsCompactly() {
        assertThat(SlackPayload.humanDuration(Duration.ofSeconds(12))).isEqualTo("12s");
        assertThat(SlackPayload.humanDuration(Duration.ofSeconds(252))).isEqualTo("4m 12s");
        assertThat(SlackPayload.humanDuration(Duration.ofSeconds(7205))).isEqualTo("2h 0m 5s");
        assertThat(SlackPayload.humanDuration(Duration.ofDays(3).plusHours(1))).isEqualTo("3d 1h 0m 0s");
        assertThat(SlackPayload.humanDuration(Duration.ofSeconds(-5))).isEqualTo("0s");
    }
}
