package com.healthmonitor.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ApiHttp;
import com.healthmonitor.api.testing.ApiIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Monitoring as code through real HTTP against a real PostgreSQL: export, plan and apply of whole configurations.
 * The secrets come from environment variables the build sets for the test JVM (see api-service's pom), as an
 * operator sets them for the API process.
 */
@ApiIntegrationTest
class ConfigApiIntegrationTest {

    private static final String YAML = "application/yaml";
    private static final String JSON = "application/json";
    private static final String SLACK_URL = System.getenv("SECRET_CONFIG_TEST_SLACK_URL");
    private static final String SIGNING_KEY = System.getenv("SECRET_CONFIG_TEST_SIGNING_KEY");
    private static final String TOKEN = System.getenv("SECRET_CONFIG_TEST_TOKEN");

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    private ApiHttp api;

    @Autowired
    private JdbcClient jdbc;

    @BeforeEach
    void emptyInstallation() {
        assertThat(SLACK_URL)
                .as("the build sets SECRET_CONFIG_TEST_* for this test (api-service pom)")
                .isNotNull();
        jdbc.sql("DELETE FROM deliveries").update();
        jdbc.sql("DELETE FROM tag_slos").update();
        jdbc.sql("DELETE FROM status_pages").update();
        jdbc.sql("DELETE FROM maintenance_windows").update();
        jdbc.sql("DELETE FROM monitors").update();
        jdbc.sql("DELETE FROM channels").update();
    }

    @Test
    void objectsCreatedThroughTheApiGetKeysMadeFromTheirNames() throws Exception {
        JsonNode first = created("/monitors", """
                {"name": "Orders API", "url": "https://orders.example.com/health"}""");
        JsonNode second = created("/monitors", """
                {"name": "Orders API", "url": "https://orders.example.com/ready"}""");
        JsonNode channel = created("/channels", """
                {"name": "Ops on-call", "type": "email", "recipients": ["ops@example.com"]}""");
        JsonNode window = created("/maintenance-windows", """
                {"all_monitors": true, "reason": "Sunday DB upgrade", "cron": "0 2 * * SUN",
                 "duration_minutes": 60}""");
        JsonNode page = created("/status-pages", """
                {"slug": "public", "title": "Public"}""");

        assertThat(first.get("key").asString()).isEqualTo("orders-api");
        assertThat(second.get("key").asString())
                .isEqualTo("orders-api-" + second.get("id").asLong());
        assertThat(channel.get("key").asString()).isEqualTo("ops-on-call");
        assertThat(window.get("key").asString()).isEqualTo("sunday-db-upgrade");
        assertThat(page.get("key").asString()).isEqualTo("public");
        assertThat(json.readTree(
                                api.get("/monitors/" + first.get("id").asLong()).body())
                        .get("key")
                        .asString())
                .isEqualTo("orders-api");
        assertThat(export(JSON).body()).contains("\"key\":\"orders-api\"", "\"key\":\"ops-on-call\"");
    }

    @Test
    void anExportAppliedToAnEmptyInstallationReproducesEveryObject() throws Exception {
        createFleetThroughTheApi();
        HttpResponse<String> original = export(JSON);
        assertThat(original.statusCode()).isEqualTo(200);
        ObjectNode document = (ObjectNode) json.readTree(original.body());
        // The operator keeps the secrets out of the file: references to the API process's environment.
        secret(document, "channels", "ops-slack", "url", "${env:SECRET_CONFIG_TEST_SLACK_URL}");
        secret(document, "channels", "signed-hook", "secret", "${env:SECRET_CONFIG_TEST_SIGNING_KEY}");
        // Or in the file itself, the operator's choice (an export still masks it).
        secret(document, "channels", "signed-hook", "url", "https://hooks.example.com/in/abcdef123456");
        ((ObjectNode) entry(document, "monitors", "orders-api").get("headers"))
                .put("Authorization", "${env:SECRET_CONFIG_TEST_TOKEN}");

        emptyInstallation();
        HttpResponse<String> applied = send("POST", "/config/apply", json.writeValueAsString(document), JSON);

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(json.readTree(applied.body()).get("summary").get("create").asInt())
                .isEqualTo(countObjects(json.readTree(original.body())));
        HttpResponse<String> reproduced = export(JSON);
        assertThat(json.readTree(reproduced.body())).isEqualTo(json.readTree(original.body()));
        assertThat(jdbc.sql("SELECT url FROM channels WHERE key = 'ops-slack'")
                        .query(String.class)
                        .single())
                .isEqualTo(SLACK_URL);
        // References were resolved to the new objects' ids.
        long channelId = jdbc.sql("SELECT id FROM channels WHERE key = 'ops-slack'")
                .query(Long.class)
                .single();
        long monitorId = jdbc.sql("SELECT id FROM monitors WHERE key = 'orders-api'")
                .query(Long.class)
                .single();
        JsonNode monitor = json.readTree(api.get("/monitors/" + monitorId).body());
        assertThat(monitor.get("channel_ids").get(0).asLong()).isEqualTo(channelId);
        assertThat(entry(json.readTree(reproduced.body()), "monitors", "checkout")
                        .get("depends_on"))
                .map(JsonNode::asString)
                .containsExactly("orders-api", "orders-db");
        assertThat(dependencies()).containsExactlyInAnyOrder("checkout -> orders-api", "checkout -> orders-db");
        assertThat(jdbc.sql("""
                        SELECT m.key || ' ' || s.objective || ' ' || s.period
                        FROM monitor_slos s JOIN monitors m ON m.id = s.monitor_id""").query(String.class).list()).containsExactly("orders-api 99.950 quarter");
        assertThat(jdbc.sql("SELECT key || ' ' || tag || ' ' || objective || ' ' || period FROM tag_slos")
                        .query(String.class)
                        .list())
                .containsExactly("team-payments team:payments 99.500 month");
    }

    @Test
    void aTagObjectiveIsCheckedAsItsApiChecksItAndATagHasOneObjective() throws Exception {
        HttpResponse<String> tagSlo = api.send("PUT", "/slos/tags/team:payments", """
                {"objective": 99.5, "period": "month"}""");
        assertThat(tagSlo.statusCode()).as(tagSlo.body()).isEqualTo(200);

        HttpResponse<String> bad = send("POST", "/config/apply", """
                {"tag_slos": [{"key": "shop", "tag": "Bad Tag!", "objective": 100, "period": "week"},
                              {"key": "again", "tag": "team:payments", "objective": 99, "period": "month"}]}""", JSON);

        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(fields(bad))
                .contains(
                        "tag_slos[shop].tag",
                        "tag_slos[shop].objective",
                        "tag_slos[shop].period",
                        "tag_slos[again].tag");
        assertThat(countRows("tag_slos")).isEqualTo(1);

        HttpResponse<String> renamed = send("POST", "/config/apply", """
                {"tag_slos": [{"key": "team-payments", "tag": "team:checkout", "objective": 99.9,
                               "period": "quarter"}]}""", JSON);
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT tag || ' ' || objective || ' ' || period FROM tag_slos")
                        .query(String.class)
                        .list())
                .containsExactly("team:checkout 99.900 quarter");
    }

    @Test
    void aMonitorsObjectiveIsItsSloFieldCheckedAsItsApiChecksIt() throws Exception {
        String document = """
                monitors:
                  - key: api
                    name: API
                    url: https://api.example.com/health
                    slo: {objective: %s, period: %s}
                """;
        HttpResponse<String> applied = send("POST", "/config/apply", document.formatted("99.5", "month"), YAML);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(entry(json.readTree(export(JSON).body()), "monitors", "api")
                        .get("slo")
                        .get("objective")
                        .decimalValue())
                .isEqualByComparingTo("99.5");
        assertThat(json.readTree(send("POST", "/config/plan", export(YAML).body(), YAML)
                                .body())
                        .get("changes"))
                .isEmpty();

        HttpResponse<String> refused = send("POST", "/config/apply", document.formatted("100", "weekly"), YAML);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(fields(refused))
                .containsExactlyInAnyOrder("monitors[api].slo.objective", "monitors[api].slo.period");

        // Left out of the document, the objective goes, as a PUT without a field resets it.
        JsonNode change = find(
                json.readTree(send("POST", "/config/apply", """
                                        monitors:
                                          - key: api
                                            name: API
                                            url: https://api.example.com/health
                                        """, YAML).body()).get("changes"), "api");
        assertThat(change.get("fields").get(0).get("field").asString()).isEqualTo("slo");
        assertThat(countRows("monitor_slos")).isZero();
    }

    @Test
    void dependenciesAreNamedByKeyAndThoseNamedAreCreatedFirst() throws Exception {
        HttpResponse<String> applied = send("POST", "/config/apply", """
                monitors:
                  - key: api
                    name: API
                    url: https://api.example.com/health
                    depends_on: [network, db]
                  - key: db
                    type: tcp
                    name: DB
                    host: db.example.com
                    port: 5432
                    depends_on: [network]
                  - key: network
                    type: tcp
                    name: Network
                    host: gw.example.com
                    port: 443
                """, YAML);

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(dependencies()).containsExactlyInAnyOrder("api -> db", "api -> network", "db -> network");
        JsonNode monitors = json.readTree(export(JSON).body());
        assertThat(entry(monitors, "monitors", "api").get("depends_on"))
                .map(JsonNode::asString)
                .containsExactly("db", "network");
        assertThat(entry(monitors, "monitors", "network").has("depends_on")).isFalse();
        HttpResponse<String> exported = export(YAML);
        JsonNode plan = json.readTree(
                send("POST", "/config/plan?prune=true", exported.body(), YAML).body());
        assertThat(plan.get("changes")).isEmpty();

        // Dropping a dependency is a change of depends_on, shown by key.
        ObjectNode document = (ObjectNode) json.readTree(export(JSON).body());
        ((ObjectNode) entry(document, "monitors", "api")).putArray("depends_on").add("db");
        JsonNode change = find(
                json.readTree(send("POST", "/config/apply", json.writeValueAsString(document), JSON)
                                .body())
                        .get("changes"),
                "api");
        assertThat(change.get("fields")).hasSize(1);
        assertThat(change.get("fields").get(0).get("field").asString()).isEqualTo("depends_on");
        assertThat(dependencies()).containsExactlyInAnyOrder("api -> db", "db -> network");
    }

    @Test
    void anUnknownDependencyOrACycleIsA400NamingTheFieldAndWritesNothing() throws Exception {
        HttpResponse<String> unknown = send("POST", "/config/apply", """
                monitors:
                  - key: api
                    name: API
                    url: https://api.example.com/health
                    depends_on: [db, nowhere, 7]
                  - key: db
                    name: DB
                    url: https://db.example.com/health
                """, YAML);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("monitors[api].depends_on[1]", "monitors[api].depends_on[2]");
        assertThat(unknown.body()).contains("no monitor with key nowhere");

        HttpResponse<String> cycle = send("POST", "/config/apply", """
                monitors:
                  - key: a
                    name: A
                    url: https://a.example.com/health
                    depends_on: [b]
                  - key: b
                    name: B
                    url: https://b.example.com/health
                    depends_on: [a]
                """, YAML);
        assertThat(cycle.statusCode()).as(cycle.body()).isEqualTo(400);
        assertThat(fields(cycle)).containsExactly("monitors[a].depends_on");
        assertThat(cycle.body()).contains("would form a cycle a -> b -> a");
        assertThat(countRows("monitors")).isZero();

        // A cycle through a stored monitor the document leaves out is refused where it is written.
        assertThat(send("POST", "/config/apply", """
                        monitors:
                          - key: a
                            name: A
                            url: https://a.example.com/health
                            depends_on: [b]
                          - key: b
                            name: B
                            url: https://b.example.com/health
                        """, YAML).statusCode()).isEqualTo(200);
        HttpResponse<String> closing = send("POST", "/config/apply", """
                monitors:
                  - key: b
                    name: B
                    url: https://b.example.com/health
                    depends_on: [a]
                """, YAML);
        assertThat(closing.statusCode()).as(closing.body()).isEqualTo(400);
        assertThat(fields(closing)).containsExactly("monitors[b].depends_on");
        assertThat(dependencies()).containsExactly("a -> b");
    }

    @Test
    void thePlanOfAnUnchangedExportIsEmptyInYamlAndJson() throws Exception {
        createFleetThroughTheApi();
        for (String type : List.of(YAML, JSON)) {
            HttpResponse<String> exported = export(type);
            assertThat(exported.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith(type));
            String etag = exported.headers().firstValue("ETag").orElseThrow();

            for (String prune : List.of("false", "true")) {
                HttpResponse<String> plan = send("POST", "/config/plan?prune=" + prune, exported.body(), type);

                assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
                JsonNode answer = json.readTree(plan.body());
                assertThat(answer.get("changes")).as(plan.body()).isEmpty();
                assertThat(answer.get("summary").get("unchanged").asInt())
                        .isEqualTo(countObjects(json.readTree(export(JSON).body())));
                assertThat(answer.get("etag").asString()).isEqualTo(etag);
            }
        }
    }

    @Test
    void aPlanListsTheChangedFieldsAndChangesNothing() throws Exception {
        createFleetThroughTheApi();
        ObjectNode document = (ObjectNode) json.readTree(export(JSON).body());
        ((ObjectNode) entry(document, "monitors", "orders-api")).put("check_interval", 120);
        ((ArrayNode) document.get("monitors"))
                .addObject()
                .put("key", "search")
                .put("name", "Search")
                .put("url", "https://search.example.com/health");

        HttpResponse<String> plan = send("POST", "/config/plan", json.writeValueAsString(document), JSON);

        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        JsonNode changes = json.readTree(plan.body()).get("changes");
        assertThat(changes).hasSize(2);
        JsonNode update = find(changes, "orders-api");
        assertThat(update.get("action").asString()).isEqualTo("update");
        assertThat(update.get("fields")).hasSize(1);
        assertThat(update.get("fields").get(0).get("field").asString()).isEqualTo("check_interval");
        assertThat(update.get("fields").get(0).get("old").asInt()).isEqualTo(60);
        assertThat(update.get("fields").get(0).get("new").asInt()).isEqualTo(120);
        assertThat(find(changes, "search").get("action").asString()).isEqualTo("create");
        assertThat(jdbc.sql("SELECT count(*) FROM monitors WHERE key = 'search'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT check_interval FROM monitors WHERE key = 'orders-api'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(60);
    }

    @Test
    void aChangeBetweenPlanAndApplyIsRefusedWith412() throws Exception {
        createFleetThroughTheApi();
        ObjectNode document = (ObjectNode) json.readTree(export(JSON).body());
        ((ObjectNode) entry(document, "monitors", "orders-api")).put("name", "Orders API v2");
        String body = json.writeValueAsString(document);
        String etag = json.readTree(send("POST", "/config/plan", body, JSON).body())
                .get("etag")
                .asString();
        long channelId = jdbc.sql("SELECT id FROM channels WHERE key = 'ops-email'")
                .query(Long.class)
                .single();
        HttpResponse<String> concurrent = api.send("PUT", "/channels/" + channelId, """
                {"name": "Ops, renamed", "type": "email", "recipients": ["ops@example.com"]}""");
        assertThat(concurrent.statusCode()).isEqualTo(200);

        HttpResponse<String> refused = send("POST", "/config/apply", body, JSON, "If-Match", etag);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(412);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(jdbc.sql("SELECT name FROM monitors WHERE key = 'orders-api'")
                        .query(String.class)
                        .single())
                .isEqualTo("Orders API");

        String replanned = json.readTree(
                        send("POST", "/config/plan", body, JSON).body())
                .get("etag")
                .asString();
        HttpResponse<String> applied = send("POST", "/config/apply", body, JSON, "If-Match", replanned);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT name FROM monitors WHERE key = 'orders-api'")
                        .query(String.class)
                        .single())
                .isEqualTo("Orders API v2");
        assertThat(applied.headers().firstValue("ETag"))
                .hasValue(export(JSON).headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void aSecretChangedBehindTheSameMaskChangesTheEtag() throws Exception {
        createFleetThroughTheApi();
        String before = export(YAML).headers().firstValue("ETag").orElseThrow();
        // Same host and last four characters: the export shows the same mask.
        jdbc.sql("UPDATE channels SET url = :url, updated_at = now() WHERE key = 'ops-slack'")
                .param("url", SLACK_URL.replace("/T00000000/", "/T11111111/"))
                .update();

        HttpResponse<String> after = export(YAML);

        assertThat(after.body()).contains("https://hooks.slack.com/****");
        assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(before);
    }

    @Test
    void secretsNeverAppearInAnExportOrAPlan() throws Exception {
        HttpResponse<String> applied = send("POST", "/config/apply", """
                version: 1
                channels:
                  - key: ops-slack
                    name: ops
                    type: slack
                    url: ${env:SECRET_CONFIG_TEST_SLACK_URL}
                  - key: signed
                    name: signed
                    type: webhook
                    url: https://hooks.example.com/in/abcdef123456
                    secret: ${env:SECRET_CONFIG_TEST_SIGNING_KEY}
                monitors:
                  - key: orders
                    name: Orders
                    url: https://user:pa55word@orders.example.com/health?token=t0ken-value-123
                    webhook_url: ${env:SECRET_CONFIG_TEST_SLACK_URL}
                    headers:
                      Authorization: ${env:SECRET_CONFIG_TEST_TOKEN}
                    channels: [ops-slack, signed]
                """, YAML);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT secret FROM channels WHERE key = 'signed'")
                        .query(String.class)
                        .single())
                .isEqualTo(SIGNING_KEY);

        List<String> answers = new ArrayList<>();
        answers.add(applied.body());
        answers.add(export(YAML).body());
        answers.add(export(JSON).body());
        answers.add(send("POST", "/config/plan", export(YAML).body(), YAML).body());
        // A rotated secret shows in the plan as a change, still masked.
        ObjectNode rotated = (ObjectNode) json.readTree(export(JSON).body());
        secret(rotated, "channels", "signed", "secret", "${env:SECRET_CONFIG_TEST_TOKEN}");
        HttpResponse<String> plan = send("POST", "/config/plan", json.writeValueAsString(rotated), JSON);
        assertThat(find(json.readTree(plan.body()).get("changes"), "signed")
                        .get("action")
                        .asString())
                .isEqualTo("update");
        answers.add(plan.body());

        for (String answer : answers) {
            assertThat(answer)
                    .doesNotContain(SLACK_URL.substring(SLACK_URL.length() - 12))
                    .doesNotContain(SIGNING_KEY)
                    .doesNotContain(TOKEN)
                    .doesNotContain("pa55word")
                    .doesNotContain("t0ken-value");
        }
    }

    @Test
    void aBadDocumentIsA400NamingTheKeyAndFieldAndWritesNothing() throws Exception {
        HttpResponse<String> refused = send("POST", "/config/apply", """
                channels:
                  - key: ops
                    name: ops
                    type: email
                    recipients: [ops@example.com]
                monitors:
                  - key: orders
                    name: Orders
                    url: https://orders.example.com/health
                    check_interval: 5
                    colour: blue
                  - key: search
                    name: Search
                    url: https://search.example.com/health
                    channels: [ops, pager]
                    webhook_url: ${env:CONFIG_TEST_NOT_A_SECRET}
                  - name: No key
                    url: https://nokey.example.com/
                """, YAML);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(fields(refused)).containsExactlyInAnyOrder("monitors[2].key");

        HttpResponse<String> invalid = send("POST", "/config/apply", """
                channels:
                  - key: ops
                    name: ops
                    type: email
                    recipients: [ops@example.com]
                monitors:
                  - key: orders
                    name: Orders
                    url: https://orders.example.com/health
                    check_interval: 5
                  - key: typo
                    name: Typo
                    url: https://typo.example.com/health
                    colour: blue
                  - key: search
                    name: Search
                    url: https://search.example.com/health
                    channels: [ops, pager]
                  - key: leaky
                    name: Leaky
                    url: https://leaky.example.com/health
                    webhook_url: ${env:CONFIG_TEST_NOT_A_SECRET}
                    tags: ["${env:SECRET_CONFIG_TEST_TOKEN}"]
                """, YAML);

        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
        assertThat(fields(invalid))
                .containsExactlyInAnyOrder(
                        "monitors[orders].check_interval",
                        "monitors[typo].colour",
                        "monitors[search].channels[1]",
                        "monitors[leaky].webhook_url",
                        "monitors[leaky].tags[0]");
        // The channels were written before the monitors failed: rolled back with them.
        assertThat(jdbc.sql("SELECT count(*) FROM channels").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM monitors").query(Long.class).single())
                .isZero();
    }

    @Test
    void aMaskedSecretCannotCreateAnObject() throws Exception {
        HttpResponse<String> refused = send("POST", "/config/plan", """
                {"channels": [{"key": "ops", "name": "ops", "type": "slack",
                               "url": "https://hooks.slack.com/****XXXX"}]}""", JSON);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("channels[ops].url");
    }

    @Test
    void pruneDeletesWhatTheDocumentLeavesOutOnlyWhenAsked() throws Exception {
        createFleetThroughTheApi();
        ObjectNode document = (ObjectNode) json.readTree(export(JSON).body());
        ArrayNode monitors = (ArrayNode) document.get("monitors");
        for (int i = monitors.size() - 1; i >= 0; i--) {
            if (!monitors.get(i).get("key").asString().equals("orders-api")) {
                monitors.remove(i);
            }
        }
        // Left out altogether: not managed by this document, kept even with prune.
        document.remove("channels");
        // The status page and window may only reference monitors that stay.
        ((ArrayNode) document.get("maintenance_windows")).removeAll();
        ((ArrayNode) document.get("status_pages")).removeAll();
        String body = json.writeValueAsString(document);
        long monitorsBefore = countRows("monitors");

        JsonNode kept = json.readTree(send("POST", "/config/apply", body, JSON).body());
        assertThat(kept.get("changes")).isEmpty();
        assertThat(countRows("monitors")).isEqualTo(monitorsBefore);

        JsonNode plan = json.readTree(
                send("POST", "/config/plan?prune=true", body, JSON).body());
        assertThat(plan.get("summary").get("delete").asInt()).isEqualTo((int) monitorsBefore - 1 + 3);
        assertThat(countRows("monitors")).isEqualTo(monitorsBefore);

        HttpResponse<String> pruned = send("POST", "/config/apply?prune=true", body, JSON);
        assertThat(pruned.statusCode()).as(pruned.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT key FROM monitors").query(String.class).list())
                .containsExactly("orders-api");
        assertThat(countRows("status_pages")).isZero();
        assertThat(countRows("maintenance_windows")).isZero();
        assertThat(countRows("channels")).isEqualTo(3);
    }

    /**
     * Every kind through the API, with references between them and secrets: what an installation managed from the UI
     * looks like before its configuration moves to git.
     */
    private void createFleetThroughTheApi() throws Exception {
        long slack = created("/channels", """
                {"name": "ops slack", "type": "slack", "url": "%s"}""".formatted(SLACK_URL)).get("id").asLong();
        long webhook =
                created("/channels", """
                {"name": "signed hook", "type": "webhook", "url": "https://hooks.example.com/in/abcdef123456",
                 "secret": "%s"}""".formatted(SIGNING_KEY)).get("id").asLong();
        created("/channels", """
                {"name": "ops email", "type": "email", "recipients": ["ops@example.com"]}""");
        long orders = created("/monitors", """
                {"name": "Orders API", "url": "https://orders.example.com/health", "method": "POST",
                 "headers": {"Authorization": "%s"}, "body": "{}", "content_type": "application/json",
                 "channel_ids": [%d, %d], "remind_every": 30, "tags": ["team:payments", "env:prod"],
                 "assertions": [{"type": "json_path", "path": "$.status", "equals": "UP"}]}""".formatted(TOKEN, slack, webhook))
                .get("id")
                .asLong();
        long db = created("/monitors", """
                {"type": "tcp", "name": "Orders DB", "host": "db.example.com", "port": 5432}""").get("id").asLong();
        HttpResponse<String> slo = api.send("PUT", "/monitors/" + orders + "/slo", """
                {"objective": 99.95, "period": "quarter"}""");
        assertThat(slo.statusCode()).as(slo.body()).isEqualTo(200);
        // A dependant whose key sorts before those it depends on: an apply must create them first.
        created("/monitors", """
                {"name": "Checkout", "url": "https://shop.example.com/checkout", "depends_on": [%d, %d]}""".formatted(db, orders));
        created("/monitors", """
                {"type": "dns", "name": "Shop DNS", "hostname": "shop.example.com", "record_type": "A",
                 "expected_values": ["203.0.113.7"]}""");
        created("/monitors", """
                {"type": "heartbeat", "name": "Nightly backup", "period": 86400, "grace": 3600}""");
        created("/maintenance-windows", """
                {"monitor_ids": [%d], "reason": "db upgrade", "starts_at": "2030-11-22T01:00:00Z",
                 "ends_at": "2030-11-22T03:00:00Z"}""".formatted(db));
        created("/maintenance-windows", """
                {"all_monitors": true, "weekdays": ["SAT", "SUN"], "time": "12:30", "time_zone": "Europe/Berlin",
                 "duration_minutes": 90}""");
        created("/status-pages", """
                {"slug": "public", "title": "Shop status", "description": "All of it", "monitor_ids": [%d],
                 "groups": [{"name": "Backend", "monitor_ids": [%d]}]}""".formatted(orders, db));
        HttpResponse<String> tagSlo = api.send("PUT", "/slos/tags/team:payments", """
                {"objective": 99.5, "period": "month"}""");
        assertThat(tagSlo.statusCode()).as(tagSlo.body()).isEqualTo(200);
    }

    private JsonNode created(String path, String body) throws Exception {
        HttpResponse<String> response = api.send("POST", path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    private HttpResponse<String> export(String type) {
        return send("GET", "/config", null, null, "Accept", type);
    }

    private HttpResponse<String> send(String method, String path, String body, String type, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url(path)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (body == null) {
            request.method(method, BodyPublishers.noBody());
        } else {
            request.header("Content-Type", type).method(method, BodyPublishers.ofString(body));
        }
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> fields(HttpResponse<String> problem) {
        List<String> fields = new ArrayList<>();
        json.readTree(problem.body())
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static JsonNode entry(JsonNode document, String kind, String key) {
        for (JsonNode entry : document.get(kind)) {
            if (entry.get("key").asString().equals(key)) {
                return entry;
            }
        }
        throw new AssertionError("no " + kind + " with key " + key + " in " + document);
    }

    private static void secret(JsonNode document, String kind, String key, String field, String value) {
        ((ObjectNode) entry(document, kind, key)).put(field, value);
    }

    private static JsonNode find(JsonNode changes, String key) {
        for (JsonNode change : changes) {
            if (change.get("key").asString().equals(key)) {
                return change;
            }
        }
        throw new AssertionError("no change of " + key + " in " + changes);
    }

    private static int countObjects(JsonNode document) {
        int count = 0;
        for (String kind : List.of("channels", "monitors", "maintenance_windows", "status_pages", "tag_slos")) {
            count += document.get(kind).size();
        }
        return count;
    }

    /** The dependencies as {@code dependant -> dependency}, by key. */
    private List<String> dependencies() {
        return jdbc.sql("""
                        SELECT m.key || ' -> ' || p.key FROM monitor_dependencies d
                        JOIN monitors m ON m.id = d.monitor_id JOIN monitors p ON p.id = d.depends_on_id""").query(String.class).list();
    }

    private long countRows(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
