package com.healthmonitor.worker.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.LastPing;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.alert.Alerts;
import com.healthmonitor.worker.testing.Channels;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every webhook channel type against a real local HTTP endpoint: the exact payload shape each service documents,
 * the generic webhook's signature, retries on 500 and 429 with Retry-After, independence of channels and order per
 * monitor, and a deleted channel's pending alert.
 */
@WorkerIntegrationTest
class ChannelDeliveryIntegrationTest {

    private static final StubServer HOOKS = new StubServer();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger PATHS = new AtomicInteger();
    private static final Instant AT = Instant.parse("2026-11-21T10:15:30.123Z");

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private Alerts alerts;

    @Autowired
    private TransactionTemplate transactions;

    @AfterAll
    static void stop() {
        HOOKS.close();
    }

    @Test
    void slackGetsBlockKitWithTheSeedTextAsFallback() {
        String path = path();
        HOOKS.script(path, Reply.ok());
        long monitor = monitorWithChannel("slack", path, null);

        queue(monitor, down(monitor));

        JsonNode body = awaitOneBody(path);
        assertThat(body.get("text").asString())
                .isEqualTo("🔔 API Status Changed\nName: Checkout\nURL: https://shop.example.com/health\n"
                        + "Old: UP -> New: DOWN\nTime: 2026-11-21T10:15:30.123Z\nReason: HTTP 503\nLatency: 87 ms");
        assertThat(body.get("blocks").get(0).get("type").asString()).isEqualTo("section");
        assertThat(body.get("blocks").get(0).get("text").get("type").asString()).isEqualTo("mrkdwn");
        assertThat(body.get("blocks").get(0).get("text").get("text").asString())
                .startsWith("🔴 *Checkout* is *DOWN* (was UP)");
    }

    @Test
    void googleChatGetsACardWithStatusNameTimeAndReason() {
        String path = path();
        HOOKS.script(path, Reply.ok());
        long monitor = monitorWithChannel("google_chat", path, null);

        queue(monitor, down(monitor));

        JsonNode body = awaitOneBody(path);
        JsonNode card = body.get("cardsV2").get(0);
        assertThat(card.get("cardId").asString()).isEqualTo("health-monitor-alert");
        assertThat(card.get("card").get("header").get("title").asString()).isEqualTo("🔴 Checkout is DOWN");
        JsonNode widgets = card.get("card").get("sections").get(0).get("widgets");
        assertThat(facts(widgets, "decoratedText", "topLabel", "text"))
                .containsEntry("Status", "DOWN (was UP)")
                .containsEntry("Name", "Checkout")
                .containsEntry("Time", "2026-11-21T10:15:30.123Z")
                .containsEntry("Reason", "HTTP 503");
    }

    @Test
    void teamsGetsAnAdaptiveCardMessage() {
        String path = path();
        HOOKS.script(path, Reply.ok());
        long monitor = monitorWithChannel("teams", path, null);

        queue(monitor, down(monitor));

        JsonNode body = awaitOneBody(path);
        assertThat(body.get("type").asString()).isEqualTo("message");
        JsonNode attachment = body.get("attachments").get(0);
        assertThat(attachment.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.get("contentUrl").isNull()).isTrue();
        JsonNode card = attachment.get("content");
        assertThat(card.get("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asString()).isEqualTo("1.4");
        assertThat(card.get("$schema").asString()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        assertThat(card.get("body").get(0).get("type").asString()).isEqualTo("TextBlock");
        assertThat(card.get("body").get(0).get("color").asString()).isEqualTo("Attention");
        assertThat(card.get("body").get(1).get("type").asString()).isEqualTo("FactSet");
        assertThat(facts(card.get("body").get(1).get("facts"), null, "title", "value"))
                .containsEntry("Name", "Checkout")
                .containsEntry("Reason", "HTTP 503");
    }

    @Test
    void discordGetsAnEmbedColouredByStatus() {
        String path = path();
        HOOKS.script(path, Reply.ok());
        long monitor = monitorWithChannel("discord", path, null);

        queue(monitor, down(monitor));
        queue(monitor, up(monitor));

        await().atMost(WAIT).until(() -> HOOKS.requests(path).size() == 2);
        List<JsonNode> bodies = bodies(path);
        JsonNode downEmbed = bodies.get(0).get("embeds").get(0);
        assertThat(downEmbed.get("title").asString()).isEqualTo("🔴 Checkout is DOWN");
        assertThat(downEmbed.get("color").asInt()).isEqualTo(0xE74C3C);
        assertThat(downEmbed.get("timestamp").asString()).isEqualTo("2026-11-21T10:15:30.123Z");
        assertThat(facts(downEmbed.get("fields"), null, "name", "value")).containsEntry("Reason", "HTTP 503");
        assertThat(bodies.get(1).get("embeds").get(0).get("color").asInt()).isEqualTo(0x2ECC71);
    }

    @ParameterizedTest
    @ValueSource(strings = {"slack", "google_chat", "teams", "discord"})
    void aMonitorNamedLikeAMentionReachesEveryChatAsTextWithItsUrlTokenMasked(String type) {
        String path = path();
        HOOKS.script(path, Reply.ok());
        long monitor = new Monitors(jdbc).insert(HostileText.NAME, HostileText.URL, null);
        Channels channels = new Channels(jdbc);
        channels.link(monitor, channels.webhook(type, type + " channel", HOOKS.url(path), null));

        queue(
                monitor,
                AlertMessage.statusChange(
                        monitor,
                        HostileText.NAME,
                        HostileText.URL,
                        MonitorStatus.UP,
                        MonitorStatus.DOWN,
                        AT,
                        HostileText.REASON,
                        87,
                        null));

        await().atMost(WAIT).until(() -> HOOKS.requests(path).size() == 1);
        String payload = HOOKS.requests(path).getFirst().body();
        switch (type) {
            case "slack", "google_chat" ->
                HostileText.assertEntityEscaped(
                        payload, "&lt;!channel&gt; @everyone [x](https://evil) &lt;users/all&gt;");
            default -> HostileText.assertMarkdownEscaped(payload);
        }
        if (type.equals("discord")) {
            assertThat(JSON.readTree(payload).get("allowed_mentions").toString())
                    .isEqualTo("{\"parse\":[]}");
            assertThat(payload).doesNotContain("@everyone");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"slack", "google_chat", "teams", "discord", "webhook"})
    void everyChannelNamesANonHttpTargetAndAHeartbeatsLastPingOnALineOfItsOwn(String type) {
        String path = path();
        HOOKS.script(path, Reply.ok());
        long monitor = monitorWithChannel(type, path, null);

        queue(monitor, downOf(monitor, "Orders DB", "tcp://db.internal:5432", "connection refused", null));
        queue(monitor, downOf(monitor, "Shop DNS", "dns://1.1.1.1/shop.example.com?type=A", "NXDOMAIN", null));
        queue(
                monitor,
                downOf(
                        monitor,
                        "Nightly backup",
                        "heartbeat every 1 d, grace 1 h",
                        "no ping for 1 d 1 h",
                        new LastPing(AT.minus(Duration.ofHours(25)))));
        queue(
                monitor,
                downOf(monitor, "Weekly export", "heartbeat every 7 d, grace 1 h", "no ping for 7 d 1 h", NEVER));

        await().atMost(WAIT).until(() -> HOOKS.requests(path).size() == 4);
        List<String> payloads =
                HOOKS.requests(path).stream().map(StubServer.Recorded::body).toList();
        assertThat(payloads.get(0))
                .contains("Target")
                .contains("tcp://db.internal:5432")
                .doesNotContain("Last ping");
        assertThat(payloads.get(1)).contains("Target").contains("dns://1.1.1.1/shop.example.com?type=A");
        assertThat(payloads.get(2))
                .contains("heartbeat every 1 d, grace 1 h")
                .contains("Last ping")
                .contains("2026-11-20T09:15:30.123Z")
                // The reason is the silence alone; the last ping is not folded into it.
                .doesNotContain("no ping for 1 d 1 h (");
        assertThat(payloads.get(3)).contains("Last ping").contains("never");
    }

    @Test
    void genericWebhookGetsTheTransitionSignedWithItsSecret() throws Exception {
        String path = path();
        HOOKS.script(path, Reply.ok());
        long monitor = monitorWithChannel("webhook", path, "s3cret");

        queue(monitor, down(monitor));

        await().atMost(WAIT).until(() -> HOOKS.requests(path).size() == 1);
        StubServer.Recorded post = HOOKS.requests(path).getFirst();
        JsonNode body = JSON.readTree(post.body());
        assertThat(body.get("event").asString()).isEqualTo("status_change");
        assertThat(body.get("monitor_id").asLong()).isEqualTo(monitor);
        assertThat(body.get("name").asString()).isEqualTo("Checkout");
        assertThat(body.get("url").asString()).isEqualTo("https://shop.example.com/health");
        assertThat(body.get("old_status").asString()).isEqualTo("UP");
        assertThat(body.get("new_status").asString()).isEqualTo("DOWN");
        assertThat(body.get("time").asString()).isEqualTo("2026-11-21T10:15:30.123Z");
        assertThat(body.get("reason").asString()).isEqualTo("HTTP 503");
        assertThat(body.get("latency_ms").asInt()).isEqualTo(87);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected =
                "sha256=" + HexFormat.of().formatHex(mac.doFinal(post.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(post.header("X-Signature")).isEqualTo(expected);
    }

    @Test
    void genericWebhookGivesAHeartbeatsLastPingAsAFieldNullWhenNeverAndLeavesItOutForOtherTypes() {
        String path = path();
        HOOKS.script(path, Reply.ok());
        long monitor = monitorWithChannel("webhook", path, null);

        queue(
                monitor,
                downOf(
                        monitor,
                        "Nightly backup",
                        "heartbeat every 1 d, grace 1 h",
                        "no ping for 1 d 1 h",
                        new LastPing(AT.minus(Duration.ofHours(25)))));
        queue(
                monitor,
                downOf(monitor, "Weekly export", "heartbeat every 7 d, grace 1 h", "no ping for 7 d 1 h", NEVER));
        queue(monitor, downOf(monitor, "Orders DB", "tcp://db.internal:5432", "connection refused", null));

        await().atMost(WAIT).until(() -> HOOKS.requests(path).size() == 3);
        List<JsonNode> bodies = HOOKS.requests(path).stream()
                .map(post -> JSON.readTree(post.body()))
                .toList();
        assertThat(bodies.get(0).get("last_ping").asString()).isEqualTo("2026-11-20T09:15:30.123Z");
        assertThat(bodies.get(1).has("last_ping")).isTrue();
        assertThat(bodies.get(1).get("last_ping").isNull()).isTrue();
        assertThat(bodies.get(2).has("last_ping")).isFalse();
    }

    @Test
    void genericWebhookWithoutASecretIsNotSigned() {
        String path = path();
        HOOKS.script(path, Reply.ok());
        long monitor = monitorWithChannel("webhook", path, null);

        queue(monitor, down(monitor));

        await().atMost(WAIT).until(() -> HOOKS.requests(path).size() == 1);
        assertThat(HOOKS.requests(path).getFirst().header("X-Signature")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"slack", "google_chat", "teams", "discord", "webhook"})
    void everyWebhookChannelRetriesA500AndA429HonouringRetryAfter(String type) {
        String path = path();
        HOOKS.script(path, Reply.status(500), Reply.status(429).withHeader("Retry-After", "1"), Reply.ok());
        long monitor = monitorWithChannel(type, path, null);

        queue(monitor, down(monitor));

        await().atMost(WAIT).until(() -> statuses(monitor).equals(List.of("SENT")));
        List<StubServer.Recorded> posts = HOOKS.requests(path);
        assertThat(posts).hasSize(3);
        assertThat(posts)
                .extracting(StubServer.Recorded::body)
                .containsOnly(posts.getFirst().body());
        assertThat(Duration.between(posts.get(1).at(), posts.get(2).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aFailingChannelDelaysNeitherTheOthersNorItsOwnOrder() {
        String slack = path();
        String discord = path();
        String teams = path();
        HOOKS.script(slack, Reply.ok());
        HOOKS.script(discord, Reply.ok());
        // Two failed rounds of three posts, then the endpoint recovers.
        HOOKS.script(
                teams,
                Reply.status(500),
                Reply.status(500),
                Reply.status(500),
                Reply.status(500),
                Reply.status(500),
                Reply.status(500),
                Reply.ok());
        long monitor = new Monitors(jdbc).insert("Checkout", "https://shop.example.com/health", null);
        Channels channels = new Channels(jdbc);
        channels.link(
                monitor,
                channels.webhook("slack", "ops", HOOKS.url(slack), null),
                channels.webhook("discord", "dev", HOOKS.url(discord), null),
                channels.webhook("teams", "mgmt", HOOKS.url(teams), null));

        queue(monitor, down(monitor));
        queue(monitor, up(monitor));

        // Slack and Discord get both alerts while Teams is still failing its first.
        await().atMost(WAIT)
                .until(() -> HOOKS.requests(slack).size() == 2
                        && HOOKS.requests(discord).size() == 2);
        assertThat(pending(monitor, "teams")).isEqualTo(2);
        await().atMost(WAIT).until(() -> statuses(monitor).stream().allMatch("SENT"::equals));
        assertThat(statuses(monitor)).hasSize(6);
        assertThat(titles(slack, "blocks")).hasSize(2);
        List<StubServer.Recorded> teamsPosts = HOOKS.requests(teams);
        assertThat(teamsPosts).hasSize(8);
        // Each alert delivered once to Teams after recovery, DOWN before UP.
        assertThat(teamsPosts.subList(6, 8))
                .extracting(post -> cardTitle(post.body()))
                .containsExactly("🔴 Checkout is DOWN", "🟢 Checkout is UP");
        assertThat(teamsPosts.subList(0, 6))
                .extracting(post -> cardTitle(post.body()))
                .containsOnly("🔴 Checkout is DOWN");
    }

    @Test
    void aPendingAlertOfADeletedChannelIsCancelledNotSent() {
        String path = path();
        HOOKS.script(path, Reply.ok());
        long monitor = new Monitors(jdbc).insert("Checkout", "https://shop.example.com/health", null);
        Channels channels = new Channels(jdbc);
        long channel = channels.webhook("slack", "gone", HOOKS.url(path), null);
        channels.link(monitor, channel);
        transactions.executeWithoutResult(tx -> {
            alerts.queueForMonitor(monitor, null, null, down(monitor));
            jdbc.sql("UPDATE deliveries SET next_attempt_at = now() + interval '1 hour' WHERE monitor_id = :m")
                    .param("m", monitor)
                    .update();
        });
        jdbc.sql("DELETE FROM channels WHERE id = :id").param("id", channel).update();
        jdbc.sql("UPDATE deliveries SET next_attempt_at = now() WHERE monitor_id = :m")
                .param("m", monitor)
                .update();

        await().atMost(WAIT).until(() -> statuses(monitor).equals(List.of("CANCELLED")));
        assertThat(HOOKS.requests(path)).isEmpty();
        assertThat(jdbc.sql("SELECT channel_name, channel_type FROM deliveries WHERE monitor_id = :m")
                        .param("m", monitor)
                        .query()
                        .singleRow())
                .containsEntry("channel_name", "gone")
                .containsEntry("channel_type", "slack");
    }

    @Test
    void theMonitorsOwnWebhookUrlStillGetsTheSeedsSlackMessageAlongsideItsChannels() {
        String own = path();
        String channel = path();
        HOOKS.script(own, Reply.ok());
        HOOKS.script(channel, Reply.ok());
        long monitor = new Monitors(jdbc).insert("Checkout", "https://shop.example.com/health", HOOKS.url(own));
        Channels channels = new Channels(jdbc);
        channels.link(monitor, channels.webhook("discord", "dev", HOOKS.url(channel), null));

        transactions.executeWithoutResult(tx -> alerts.queueForMonitor(monitor, null, HOOKS.url(own), down(monitor)));

        await().atMost(WAIT).until(() -> statuses(monitor).equals(List.of("SENT", "SENT")));
        assertThat(HOOKS.requests(own).getFirst().body())
                .isEqualTo(SlackPayload.render(AlertDetails.of(down(monitor))));
        assertThat(HOOKS.requests(channel)).hasSize(1);
    }

    @Test
    void aTestMessageAsTheApiQueuesItIsSentOnceAndAFailureIsNotRetriedLater() {
        String ok = path();
        String broken = path();
        HOOKS.script(ok, Reply.ok());
        HOOKS.script(broken, Reply.status(500));
        Channels channels = new Channels(jdbc);
        long good = testDelivery(channels.webhook("teams", "mgmt", HOOKS.url(ok), null));
        long bad = testDelivery(channels.webhook("discord", "dev", HOOKS.url(broken), null));

        await().atMost(WAIT)
                .until(() -> status(good).equals("SENT") && status(bad).equals("FAILED"));
        assertThat(cardTitle(HOOKS.requests(ok).getFirst().body())).isEqualTo("✅ Test message from Health Monitor");
        assertThat(HOOKS.requests(broken)).hasSize(3); // one round of in-process retries, then the answer
        assertThat(jdbc.sql("SELECT last_status_code, last_error FROM deliveries WHERE id = :id")
                        .param("id", bad)
                        .query()
                        .singleRow())
                .containsEntry("last_status_code", 500)
                .containsEntry("last_error", "HTTP 500");
    }

    /** The row POST /channels/{id}/test writes. */
    private long testDelivery(long channel) {
        return jdbc.sql("""
                        INSERT INTO deliveries (kind, channel_id, channel_type, channel_name, stream, message, status,
                                                next_attempt_at)
                        SELECT 'TEST', id, type, name, 'channel:' || id,
                               jsonb_build_object('kind', 'TEST', 'name', name, 'at', '2026-11-21T10:15:30.123Z'),
                               'PENDING', now()
                        FROM channels WHERE id = :id
                        RETURNING id""").param("id", channel).query(Long.class).single();
    }

    private String status(long delivery) {
        return jdbc.sql("SELECT status FROM deliveries WHERE id = :id")
                .param("id", delivery)
                .query(String.class)
                .single();
    }

    private long monitorWithChannel(String type, String path, String secret) {
        long monitor = new Monitors(jdbc).insert("Checkout", "https://shop.example.com/health", null);
        Channels channels = new Channels(jdbc);
        channels.link(monitor, channels.webhook(type, type + " channel", HOOKS.url(path), secret));
        return monitor;
    }

    private void queue(long monitor, AlertMessage message) {
        transactions.executeWithoutResult(tx -> alerts.queueForMonitor(monitor, null, null, message));
    }

    private static final LastPing NEVER = new LastPing(null);

    private static AlertMessage downOf(long monitor, String name, String target, String reason, LastPing lastPing) {
        return AlertMessage.statusChange(
                monitor, name, target, MonitorStatus.UP, MonitorStatus.DOWN, AT, reason, 3, null, lastPing);
    }

    static AlertMessage down(long monitor) {
        return AlertMessage.statusChange(
                monitor,
                "Checkout",
                "https://shop.example.com/health",
                MonitorStatus.UP,
                MonitorStatus.DOWN,
                AT,
                "HTTP 503",
                87,
                null);
    }

    static AlertMessage up(long monitor) {
        return AlertMessage.statusChange(
                monitor,
                "Checkout",
                "https://shop.example.com/health",
                MonitorStatus.DOWN,
                MonitorStatus.UP,
                AT.plusSeconds(252),
                null,
                41,
                AT);
    }

    private static String path() {
        return "/hook-" + PATHS.incrementAndGet();
    }

    private JsonNode awaitOneBody(String path) {
        await().atMost(WAIT).until(() -> HOOKS.requests(path).size() == 1);
        return bodies(path).getFirst();
    }

    private static List<JsonNode> bodies(String path) {
        return HOOKS.requests(path).stream().map(r -> JSON.readTree(r.body())).toList();
    }

    private static List<String> titles(String path, String field) {
        return bodies(path).stream().map(b -> b.get(field).toString()).toList();
    }

    private static String cardTitle(String body) {
        return JSON.readTree(body)
                .get("attachments")
                .get(0)
                .get("content")
                .get("body")
                .get(0)
                .get("text")
                .asString();
    }

    private static Map<String, String> facts(JsonNode array, String wrapper, String label, String value) {
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        for (JsonNode node : array) {
            JsonNode fact = wrapper == null ? node : node.get(wrapper);
            facts.put(fact.get(label).asString(), fact.get(value).asString());
        }
        return facts;
    }

    private List<String> statuses(long monitor) {
        return jdbc.sql("SELECT status FROM deliveries WHERE monitor_id = :m ORDER BY id")
                .param("m", monitor)
                .query(String.class)
                .list();
    }

    private long pending(long monitor, String type) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE monitor_id = :m AND channel_type = :t"
                        + " AND status = 'PENDING'")
                .param("m", monitor)
                .param("t", type)
                .query(Long.class)
                .single();
    }
}
