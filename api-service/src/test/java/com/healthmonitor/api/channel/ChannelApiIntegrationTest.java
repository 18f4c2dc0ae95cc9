package com.healthmonitor.api.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ApiHttp;
import com.healthmonitor.api.testing.ApiIntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Channels, monitors' channel_ids and remind_every, maintenance windows and the daily summary settings, through real
 * HTTP to a real PostgreSQL.
 */
@ApiIntegrationTest
class ChannelApiIntegrationTest {

    private static final String SLACK_URL = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXX";

    @Autowired
    private ApiHttp api;

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    private JdbcClient jdbc;

    @BeforeEach
    void empty() {
        jdbc.sql("DELETE FROM deliveries").update();
        jdbc.sql("DELETE FROM maintenance_windows").update();
        jdbc.sql("DELETE FROM monitors").update();
        jdbc.sql("DELETE FROM channels").update();
    }

    @Test
    void createsListsAndMasksEveryTypesSecrets() throws Exception {
        JsonNode slack = created(channel("ops", "slack", SLACK_URL));
        assertThat(slack.get("type").asString()).isEqualTo("slack");
        assertThat(slack.get("url").asString()).isEqualTo("https://hooks.slack.com/****XXXX");
        assertThat(slack.get("secret").isNull()).isTrue();

        JsonNode webhook = created("""
                {"name": "pager", "type": "webhook", "url": "https://hooks.example.com/in/abcdef123456",
                 "secret": "s3cret-value"}""");
        assertThat(webhook.get("url").asString()).isEqualTo("https://hooks.example.com/****3456");
        assertThat(webhook.get("secret").asString()).isEqualTo("****");

        JsonNode email = created("""
                {"name": "on-call", "type": "email", "recipients": ["ops@example.com", "dev@example.com"]}""");
        assertThat(email.get("recipients").toString()).isEqualTo("[\"ops@example.com\",\"dev@example.com\"]");
        assertThat(email.get("url").isNull()).isTrue();

        for (String type : new String[] {"google_chat", "teams", "discord"}) {
            assertThat(created(channel(type, type, "https://example.com/hook/" + type + "-0123456789"))
                            .get("type")
                            .asString())
                    .isEqualTo(type);
        }
        JsonNode list = json.readTree(api.send("GET", "/channels", null).body());
        assertThat(list).hasSize(6);
        assertThat(list.toString()).doesNotContain(SLACK_URL).doesNotContain("s3cret-value");
        assertThat(stored(webhook.get("id").asLong()))
                .containsEntry("url", "https://hooks.example.com/in/abcdef123456")
                .containsEntry("secret", "s3cret-value");
    }

    @Test
    void sendingTheMasksBackKeepsTheSecrets() throws Exception {
        JsonNode webhook = created("""
                {"name": "pager", "type": "webhook", "url": "https://hooks.example.com/in/abcdef123456",
                 "secret": "s3cret-value"}""");
        long id = webhook.get("id").asLong();

        HttpResponse<String> renamed = api.send("PUT", "/channels/" + id, """
                {"name": "pager 2", "type": "webhook", "url": "https://hooks.example.com/****3456",
                 "secret": "****"}""");

        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(renamed.body()).get("name").asString()).isEqualTo("pager 2");
        assertThat(stored(id))
                .containsEntry("url", "https://hooks.example.com/in/abcdef123456")
                .containsEntry("secret", "s3cret-value");
    }

    @Test
    void anEchoedMaskedSecretIsRefusedWhenTheUrlPointsAtAnotherHost() throws Exception {
        long id = created("""
                {"name": "pager", "type": "webhook", "url": "https://hooks.example.com/in/abcdef123456",
                 "secret": "s3cret-value"}""").get("id").asLong();

        HttpResponse<String> moved = api.send("PUT", "/channels/" + id, """
                {"name": "pager", "type": "webhook", "url": "https://collector.example.net/in",
                 "secret": "****"}""");

        assertProblem(moved, "secret");
        assertThat(moved.body()).contains("re-enter the secret: the destination changed");
        assertThat(stored(id))
                .containsEntry("url", "https://hooks.example.com/in/abcdef123456")
                .containsEntry("secret", "s3cret-value");
    }

    @Test
    void anEchoedMaskedSecretKeepsTheKeyWhenOnlyThePathChanges() throws Exception {
        long id = created("""
                {"name": "pager", "type": "webhook", "url": "https://hooks.example.com/in/abcdef123456",
                 "secret": "s3cret-value"}""").get("id").asLong();

        HttpResponse<String> edited = api.send("PUT", "/channels/" + id, """
                {"name": "pager", "type": "webhook", "url": "https://hooks.example.com/in/other",
                 "secret": "****"}""");

        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(stored(id))
                .containsEntry("url", "https://hooks.example.com/in/other")
                .containsEntry("secret", "s3cret-value");
    }

    @Test
    void refusesPrivateAndNonHttpsUrlsAndMissingSettingsNamingTheFields() throws Exception {
        assertProblem(api.send("POST", "/channels", channel("x", "slack", "https://169.254.169.254/latest")), "url");
        assertProblem(api.send("POST", "/channels", channel("x", "discord", "https://127.0.0.1/hook")), "url");
        assertProblem(api.send("POST", "/channels", channel("x", "teams", "http://example.com/hook")), "url");
        assertProblem(api.send("POST", "/channels", channel("x", "teams", "https://localhost/hook")), "url");
        assertProblem(api.send("POST", "/channels", """
                {"name": "x", "type": "pigeon"}"""), "type");
        assertProblem(api.send("POST", "/channels", """
                {"name": "x", "type": "email", "recipients": ["not-an-address"]}"""), "recipients[0]");
        assertProblem(api.send("POST", "/channels", """
                {"name": "x", "type": "slack", "url": "https://hooks.slack.com/x", "secret": "nope"}"""), "secret");
        assertProblem(api.send("POST", "/channels", """
                {"name": "", "type": "slack"}"""), "name", "url");
        assertThat(jdbc.sql("SELECT count(*) FROM channels").query(Long.class).single())
                .isZero();
    }

    @Test
    void monitorsListTheirChannelsAndReminderIntervalAndRefuseUnknownChannels() throws Exception {
        long slack = created(channel("ops", "slack", SLACK_URL)).get("id").asLong();
        long discord = created(channel("dev", "discord", "https://discord.com/api/webhooks/1/abcdefgh"))
                .get("id")
                .asLong();

        HttpResponse<String> monitor = api.send("POST", "/monitors", """
                {"name": "Checkout", "url": "https://shop.example.com/health",
                 "channel_ids": [%d, %d], "remind_every": 30}""".formatted(discord, slack));

        assertThat(monitor.statusCode()).isEqualTo(201);
        JsonNode body = json.readTree(monitor.body());
        assertThat(body.get("channel_ids").toString()).isEqualTo("[" + slack + "," + discord + "]");
        assertThat(body.get("remind_every").asInt()).isEqualTo(30);
        long id = body.get("id").asLong();
        assertThat(json.readTree(api.send("GET", "/monitors/" + id, null).body())
                        .get("channel_ids")
                        .size())
                .isEqualTo(2);

        assertProblem(api.send("PUT", "/monitors/" + id, """
                        {"name": "Checkout", "url": "https://shop.example.com/health", "channel_ids": [999999],
                         "remind_every": -1}"""), "channel_ids", "remind_every");

        // Deleting a channel unlinks it from the monitor.
        assertThat(api.send("DELETE", "/channels/" + slack, null).statusCode()).isEqualTo(204);
        assertThat(json.readTree(api.send("GET", "/monitors/" + id, null).body())
                        .get("channel_ids")
                        .toString())
                .isEqualTo("[" + discord + "]");
    }

    @Test
    void deletingAChannelCancelsItsPendingDeliveriesAndKeepsTheRecord() throws Exception {
        long slack = created(channel("ops", "slack", SLACK_URL)).get("id").asLong();
        long change = jdbc.sql("""
                        INSERT INTO status_changes (monitor_id, old_status, new_status, changed_at, slot, delivery)
                        VALUES (1, 'UP', 'DOWN', now(), now(), 'PENDING') RETURNING id""").query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO deliveries (kind, status_change_id, monitor_id, channel_id, channel_type,
                                                channel_name, stream, message, status, next_attempt_at)
                        VALUES ('STATUS_CHANGE', :change, 1, :channel, 'slack', 'ops', 'channel:' || :channel,
                                '{"kind": "STATUS_CHANGE"}', 'PENDING', now() + interval '1 hour')""").param("change", change).param("channel", slack).update();

        assertThat(api.send("DELETE", "/channels/" + slack, null).statusCode()).isEqualTo(204);

        assertThat(jdbc.sql("SELECT status, channel_id, channel_name, last_error FROM deliveries")
                        .query()
                        .singleRow())
                .containsEntry("status", "CANCELLED")
                .containsEntry("channel_id", null)
                .containsEntry("channel_name", "ops")
                .containsEntry("last_error", "channel deleted");
        assertThat(jdbc.sql("SELECT delivery FROM status_changes WHERE id = :id")
                        .param("id", change)
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED");
        assertThat(api.send("GET", "/channels/" + slack, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aTestMessageIsQueuedForTheWorkerAndReportedPendingWhenNoWorkerSendsIt() throws Exception {
        long slack = created(channel("ops", "slack", SLACK_URL)).get("id").asLong();

        HttpResponse<String> test = api.send("POST", "/channels/" + slack + "/test", null);

        assertThat(test.statusCode()).isEqualTo(202);
        JsonNode result = json.readTree(test.body());
        assertThat(result.get("status").asString()).isEqualTo("PENDING");
        Map<String, Object> delivery = jdbc.sql(
                        "SELECT kind, channel_id, stream, message->>'kind' AS message_kind, message->>'name' AS name"
                                + " FROM deliveries WHERE id = :id")
                .param("id", result.get("delivery_id").asLong())
                .query()
                .singleRow();
        assertThat(delivery)
                .containsEntry("kind", "TEST")
                .containsEntry("channel_id", slack)
                .containsEntry("stream", "channel:" + slack)
                .containsEntry("message_kind", "TEST")
                .containsEntry("name", "ops");
        assertThat(api.send("POST", "/channels/424242/test", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aTestMessageAnswersWithTheOutcomeOnceAWorkerRecordsIt() throws Exception {
        long slack = created(channel("ops", "slack", SLACK_URL)).get("id").asLong();
        // Plays the worker: records the outcome of the first test delivery it sees.
        Thread worker = Thread.ofVirtual().start(() -> {
            while (jdbc.sql("""
                                    UPDATE deliveries SET status = 'FAILED', attempts = 1, last_status_code = 404,
                                                          last_error = 'HTTP 404: no_service', next_attempt_at = NULL
                                    WHERE kind = 'TEST' AND status = 'PENDING'""").update() == 0) {
                Thread.onSpinWait();
            }
        });

        HttpResponse<String> test = api.send("POST", "/channels/" + slack + "/test", null);
        worker.join();

        assertThat(test.statusCode()).isEqualTo(200);
        JsonNode result = json.readTree(test.body());
        assertThat(result.get("status").asString()).isEqualTo("FAILED");
        assertThat(result.get("status_code").asInt()).isEqualTo(404);
        assertThat(result.get("error").asString()).isEqualTo("HTTP 404: no_service");
    }

    @Test
    void aChannelShowsTheOutcomeOfItsNewestDelivery() throws Exception {
        long slack = created(channel("ops", "slack", SLACK_URL)).get("id").asLong();
        created(channel("quiet", "discord", "https://discord.com/api/webhooks/1/abcdef"));
        // Left PENDING (no worker here); the newer one below is what shows.
        long first = json.readTree(
                        api.send("POST", "/channels/" + slack + "/test", null).body())
                .get("delivery_id")
                .asLong();
        // Plays the worker on the second test: it fails.
        Thread worker = Thread.ofVirtual().start(() -> {
            while (jdbc.sql("""
                                    UPDATE deliveries SET status = 'FAILED', attempts = 3, last_status_code = 404,
                                                          last_error = 'HTTP 404: no_service', next_attempt_at = NULL
                                    WHERE kind = 'TEST' AND status = 'PENDING' AND id > :first""").param("first", first).update() == 0) {
                Thread.onSpinWait();
            }
        });
        api.send("POST", "/channels/" + slack + "/test", null);
        worker.join();

        JsonNode last = json.readTree(
                        api.send("GET", "/channels/" + slack, null).body())
                .get("last_delivery");
        assertThat(last.get("kind").asString()).isEqualTo("TEST");
        assertThat(last.get("status").asString()).isEqualTo("FAILED");
        assertThat(last.get("status_code").asInt()).isEqualTo(404);
        assertThat(last.get("error").asString()).isEqualTo("HTTP 404: no_service");
        assertThat(last.get("attempts").asInt()).isEqualTo(3);
        assertThat(last.get("created_at").isNull()).isFalse();
        assertThat(last.get("sent_at").isNull()).isTrue();
        JsonNode list = json.readTree(api.send("GET", "/channels", null).body());
        assertThat(list.valueStream()
                        .map(c -> c.get("name").asString() + ":"
                                + (c.get("last_delivery").isNull()
                                        ? "none"
                                        : c.get("last_delivery").get("status").asString())))
                .containsExactly("ops:FAILED", "quiet:none");
    }

    @Test
    void aMaintenanceWindowShowsItsMonitorsAsMaintenance() throws Exception {
        long inWindow = json.readTree(api.send("POST", "/monitors", """
                                {"name": "a", "url": "https://a.example.com/"}""").body())
                .get("id")
                .asLong();
        long outside = json.readTree(api.send("POST", "/monitors", """
                                {"name": "b", "url": "https://b.example.com/"}""").body())
                .get("id")
                .asLong();

        HttpResponse<String> window = api.send("POST", "/maintenance-windows", """
                {"monitor_ids": [%d], "starts_at": "2020-01-01T00:00:00Z", "ends_at": "2100-01-01T00:00:00Z",
                 "reason": "database upgrade"}""".formatted(inWindow));

        assertThat(window.statusCode()).isEqualTo(201);
        assertThat(json.readTree(window.body()).get("active").asBoolean()).isTrue();
        assertThat(json.readTree(api.send("GET", "/monitors/" + inWindow, null).body())
                        .get("status")
                        .asString())
                .isEqualTo("MAINTENANCE");
        assertThat(json.readTree(api.send("GET", "/monitors/" + outside, null).body())
                        .get("status")
                        .asString())
                .isEqualTo("UNKNOWN");
        JsonNode listed = json.readTree(api.send("GET", "/monitors", null).body());
        assertThat(listed.get(0).get("status").asString()).isEqualTo("MAINTENANCE");

        JsonNode weekly = created("/maintenance-windows", """
                {"all_monitors": true, "weekdays": ["sat", "SUNDAY"], "time": "02:00", "time_zone": "Europe/Berlin",
                 "duration_minutes": 120}""");
        assertThat(weekly.get("weekdays").toString()).isEqualTo("[\"SAT\",\"SUN\"]");
        assertThat(weekly.get("time").asString()).isEqualTo("02:00");
        JsonNode cron = created("/maintenance-windows", """
                {"monitor_ids": [%d], "cron": "0 3 * * MON-FRI", "duration_minutes": 30}""".formatted(outside));
        assertThat(cron.get("time_zone").asString()).isEqualTo("UTC");

        assertProblem(api.send("POST", "/maintenance-windows", """
                {"monitor_ids": [%d], "starts_at": "2030-01-02T00:00:00Z", "ends_at": "2030-01-01T00:00:00Z"}""".formatted(inWindow)), "ends_at");
        assertProblem(api.send("POST", "/maintenance-windows", """
                {"all_monitors": true, "cron": "every sunday", "duration_minutes": 0, "time_zone": "Mars/Base"}"""), "cron", "duration_minutes", "time_zone");
        assertProblem(api.send("POST", "/maintenance-windows", """
                {"monitor_ids": [999999], "weekdays": ["funday"], "time": "25:00", "duration_minutes": 10}"""), "monitor_ids", "weekdays[0]", "time");
        assertThat(api.send(
                                "DELETE",
                                "/maintenance-windows/"
                                        + json.readTree(window.body()).get("id").asLong(),
                                null)
                        .statusCode())
                .isEqualTo(204);
        // The recurring ones go too: the weekly one covers every monitor on Saturday and Sunday nights (UTC 01-03
        // in winter), which made this assertion, and other tests of the shared context, depend on the hour.
        for (JsonNode recurring : List.of(weekly, cron)) {
            assertThat(api.send(
                                    "DELETE",
                                    "/maintenance-windows/"
                                            + recurring.get("id").asLong(),
                                    null)
                            .statusCode())
                    .isEqualTo(204);
        }
        assertThat(json.readTree(api.send("GET", "/monitors/" + inWindow, null).body())
                        .get("status")
                        .asString())
                .isEqualTo("UNKNOWN");
    }

    @Test
    void dailySummarySettingsAreStoredAndValidated() throws Exception {
        long slack = created(channel("ops", "slack", SLACK_URL)).get("id").asLong();

        HttpResponse<String> put = api.send("PUT", "/settings/daily-summary", """
                {"time": "09:30", "time_zone": "Europe/Berlin", "channel_ids": [%d], "enabled": true}""".formatted(slack));

        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode settings =
                json.readTree(api.send("GET", "/settings/daily-summary", null).body());
        assertThat(settings.get("time").asString()).isEqualTo("09:30");
        assertThat(settings.get("time_zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(settings.get("channel_ids").toString()).isEqualTo("[" + slack + "]");
        assertThat(settings.get("enabled").asBoolean()).isTrue();
        assertProblem(api.send("PUT", "/settings/daily-summary", """
                {"time": "9 am", "time_zone": "Nowhere", "channel_ids": [999999]}"""), "time", "time_zone", "channel_ids");
    }

    private JsonNode created(String body) throws Exception {
        return created("/channels", body);
    }

    private JsonNode created(String path, String body) throws Exception {
        HttpResponse<String> response = api.send("POST", path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    private static String channel(String name, String type, String url) {
        return """
                {"name": "%s", "type": "%s", "url": "%s"}""".formatted(name, type, url);
    }

    private Map<String, Object> stored(long id) {
        return jdbc.sql("SELECT url, secret FROM channels WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private void assertProblem(HttpResponse<String> response, String... fields) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode errors = json.readTree(response.body()).get("errors");
        assertThat(errors.valueStream().map(e -> e.get("field").asString())).contains(fields);
    }
}
