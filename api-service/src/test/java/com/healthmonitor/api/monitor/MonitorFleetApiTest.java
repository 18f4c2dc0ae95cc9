package com.healthmonitor.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ApiHttp;
import com.healthmonitor.api.testing.ApiIntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Tags, search, bulk creation and export, through real HTTP to a real PostgreSQL. */
@ApiIntegrationTest
class MonitorFleetApiTest {

    @Autowired
    private ApiHttp api;

    @Autowired
    private JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void emptyTheTable() {
        jdbc.sql("DELETE FROM monitors").update();
    }

    @Test
    void everyTypeKeepsItsTagsThroughCreateUpdateAndList() {
        long http = create("""
                {"name": "Shop", "url": "https://shop.example.com/", "tags": ["team:payments", "critical", "critical"]}""");
        long tcp = create("""
                {"type": "tcp", "name": "DB", "host": "db.example.com", "port": 5432, "tags": ["team:core"]}""");
        long dns = create("""
                {"type": "dns", "name": "DNS", "hostname": "shop.example.com", "record_type": "A", "tags": ["env:prod"]}""");
        long heartbeat = create("""
                {"type": "heartbeat", "name": "Backup", "period": 86400, "tags": ["job:backup:nightly"]}""");

        assertThat(tagsOf(http)).containsExactly("team:payments", "critical");
        assertThat(tagsOf(tcp)).containsExactly("team:core");
        assertThat(tagsOf(dns)).containsExactly("env:prod");
        assertThat(tagsOf(heartbeat)).containsExactly("job:backup:nightly");

        HttpResponse<String> updated = api.send("PUT", "/monitors/" + tcp, """
                {"type": "tcp", "name": "DB", "host": "db.example.com", "port": 5432, "tags": ["team:data"]}""");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(tagsOf(tcp)).containsExactly("team:data");

        HttpResponse<String> untagged = api.send("PUT", "/monitors/" + tcp, """
                {"type": "tcp", "name": "DB", "host": "db.example.com", "port": 5432}""");
        assertThat(json.readTree(untagged.body()).get("tags")).isEmpty();
    }

    @Test
    void badTagsAreRefusedNamingEachOne() {
        HttpResponse<String> refused = api.send("POST", "/monitors", """
                {"name": "Shop", "url": "https://shop.example.com/",
                 "tags": ["ok", "Team:payments", ":empty-key", "key:", "a b", "k:line\\nbreak", "k:%s"]}""".formatted("v".repeat(129)));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(fields(refused)).containsExactly("tags[1]", "tags[2]", "tags[3]", "tags[4]", "tags[5]", "tags[6]");

        String tooMany =
                IntStream.range(0, 21).mapToObj(i -> "\"t" + i + "\"").toList().toString();
        HttpResponse<String> many = api.send(
                "POST",
                "/monitors",
                "{\"name\": \"Shop\", \"url\": \"https://shop.example.com/\", \"tags\": " + tooMany + "}");
        assertThat(many.statusCode()).isEqualTo(400);
        assertThat(fields(many)).containsExactly("tags");
        assertThat(count()).isZero();
    }

    @Test
    void aTagFilterMatchesTheKeyOrTheWholeTagAndEveryRepeatedOneMustMatchAcrossPages() {
        List<Long> payments = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            payments.add(create(httpMonitor("Pay " + i, "\"team:payments\", \"env:prod\"")));
            create(httpMonitor("Core " + i, "\"team:core\", \"env:prod\""));
        }
        long bareTeam = create(httpMonitor("Bare", "\"team\""));
        long staging = create(httpMonitor("Staging pay", "\"team:payments\", \"env:staging\""));

        assertThat(allPages("/monitors?tag=team:payments&tag=env:prod", 2)).containsExactlyElementsOf(payments);
        assertThat(allPages("/monitors?tag=team:payments", 1000)).containsExactlyElementsOf(append(payments, staging));
        assertThat(allPages("/monitors?tag=team", 4)).hasSize(12).contains(bareTeam);
        assertThat(allPages("/monitors?tag=env&tag=team:core", 3)).hasSize(5);
        assertThat(allPages("/monitors?tag=team:nobody", 3)).isEmpty();

        HttpResponse<String> bad = api.get("/monitors?tag=TEAM");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(fields(bad)).containsExactly("tag");
    }

    @Test
    void searchMatchesNameAndTargetCaseInsensitivelyAndPages() {
        List<Long> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orders.add(create(httpMonitor("Orders API " + i, "\"team:orders\"")));
        }
        long byUrl = create("""
                {"name": "Shop", "url": "https://ORDERS.example.com/health?token=s3cretvalue"}""");
        long tcp = create("""
                {"type": "tcp", "name": "Database", "host": "pg-orders.internal.example", "port": 6432}""");
        long dns = create("""
                {"type": "dns", "name": "Resolver", "hostname": "api.orders.example.net", "record_type": "A"}""");
        create(httpMonitor("Unrelated", "\"team:other\""));

        assertThat(allPages("/monitors?q=oRdErS", 3)).containsExactlyElementsOf(append(orders, byUrl, tcp, dns));
        assertThat(allPages("/monitors?q=orders&tag=team:orders", 2)).containsExactlyElementsOf(orders);
        assertThat(allPages("/monitors?q=" + encode("orders.internal.example:6432"), 10))
                .containsExactly(tcp);
        assertThat(allPages("/monitors?q=" + encode("100%"), 10)).isEmpty();
        // The query string may hold a token, which a search must not reveal.
        assertThat(allPages("/monitors?q=s3cret", 10)).isEmpty();

        HttpResponse<String> tooLong = api.get("/monitors?q=" + "x".repeat(201));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(fields(tooLong)).containsExactly("q");
    }

    @Test
    void aBulkCreatesEveryMonitorInOrder() {
        ArrayNode monitors = json.createArrayNode();
        for (int i = 0; i < 1000; i++) {
            monitors.add(bulkItem(i));
        }
        monitors.add(json.readTree("""
                {"type": "heartbeat", "name": "Backup", "period": 86400}"""));
        monitors.remove(0);

        HttpResponse<String> created = api.send("POST", "/monitors/bulk", bulk(monitors));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json.readTree(created.body());
        assertThat(body).hasSize(1000);
        List<Long> ids = StreamSupport.stream(body.spliterator(), false)
                .map(m -> m.get("id").asLong())
                .toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(body.get(0).get("name").asString()).isEqualTo("Bulk 1");
        assertThat(body.get(0).get("tags").get(0).asString()).isEqualTo("batch:1");
        assertThat(body.get(997).get("target").asString()).isEqualTo("tcp://db998.example.com:5432");
        assertThat(body.get(999).get("ping_url").asString()).contains("/ping/");
        assertThat(count()).isEqualTo(1000);
    }

    @Test
    void anInvalidItemCreatesNothingAndIsNamedWithItsIndex() {
        ArrayNode monitors = json.createArrayNode();
        for (int i = 0; i < 1000; i++) {
            monitors.add(bulkItem(i));
        }
        ((ObjectNode) monitors.get(500)).put("type", "tcp").put("port", 70000).remove("url");
        ((ObjectNode) monitors.get(501)).remove("url");
        ((ObjectNode) monitors.get(501)).put("name", "");

        HttpResponse<String> refused = api.send("POST", "/monitors/bulk", bulk(monitors));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fields(refused))
                .contains("monitors[500].port", "monitors[501].name", "monitors[501].url")
                .allMatch(field -> field.startsWith("monitors[500].") || field.startsWith("monitors[501]."));
        assertThat(count()).isZero();

        ((ObjectNode) monitors.get(3)).put("color", "red");
        HttpResponse<String> unknownField = api.send("POST", "/monitors/bulk", bulk(monitors));
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(fields(unknownField)).containsExactly("monitors[3].color");
    }

    @Test
    void aBulkOfMoreThanAThousandOrNoneIsRefusedNamingMonitors() {
        ArrayNode monitors = json.createArrayNode();
        for (int i = 0; i < 1001; i++) {
            monitors.add(bulkItem(i % 2 == 0 ? 2 : i));
        }

        HttpResponse<String> tooMany = api.send("POST", "/monitors/bulk", bulk(monitors));
        HttpResponse<String> none = api.send("POST", "/monitors/bulk", "{\"monitors\": []}");
        HttpResponse<String> missing = api.send("POST", "/monitors/bulk", "{}");

        for (HttpResponse<String> refused : List.of(tooMany, none, missing)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(fields(refused)).containsExactly("monitors");
        }
        assertThat(count()).isZero();
    }

    @Test
    void anExportIsStreamedAndCreatesTheSameMonitorsAgain() {
        ArrayNode monitors = json.createArrayNode();
        for (int i = 0; i < 600; i++) {
            monitors.add(bulkItem(i));
        }
        monitors.add(json.readTree("""
                {"name": "Orders", "url": "https://orders.example.com/health", "method": "POST",
                 "headers": {"Authorization": "Bearer s3cr3t-token-value"}, "body": "{}",
                 "content_type": "application/json", "expected_status_codes": ["200-299"],
                 "assertions": [{"type": "body_contains", "value": "ok"}], "fail_threshold": 3,
                 "webhook_url": "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX", "tags": ["team:orders"]}"""));
        monitors.add(json.readTree("""
                {"type": "tcp", "name": "TLS DB", "host": "db.example.com", "port": 5432, "tls": true,
                 "tls_expiry_days": 30}"""));
        monitors.add(json.readTree("""
                {"type": "dns", "name": "DNS", "hostname": "shop.example.com", "record_type": "MX",
                 "resolver": "1.1.1.1:53", "expected_values": ["10 mail.example.com"]}"""));
        monitors.add(json.readTree("""
                {"type": "heartbeat", "name": "Backup", "period": 86400, "grace": 600, "enabled": false}"""));
        HttpResponse<String> created = api.send("POST", "/monitors/bulk", bulk(monitors));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode first = json.readTree(created.body());

        HttpResponse<String> export = api.get("/monitors/export");

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        // Written as it is read, not buffered into one body of known length.
        assertThat(export.headers().firstValue("Content-Length")).isEmpty();
        assertThat(export.body()).doesNotContain("s3cr3t-token-value", "XXXXXXXXXXXX");
        JsonNode exported = json.readTree(export.body());
        assertThat(exported).hasSize(604);

        jdbc.sql("DELETE FROM monitors").update();
        HttpResponse<String> again = api.send("POST", "/monitors/bulk", bulk((ArrayNode) exported));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        JsonNode second = json.readTree(again.body());
        assertThat(second).hasSize(first.size());
        for (int i = 0; i < first.size(); i++) {
            assertThat(configuration(second.get(i))).isEqualTo(configuration(first.get(i)));
        }
    }

    /** What a monitor was configured with, without its identity, state and secrets. */
    private static JsonNode configuration(JsonNode monitor) {
        ObjectNode copy = ((ObjectNode) monitor).deepCopy();
        copy.remove(List.of(
                "id",
                "status",
                "next_check_at",
                "created_at",
                "updated_at",
                "ping_url",
                "ping_deadline",
                "webhook_url",
                "headers"));
        return copy;
    }

    private ObjectNode bulkItem(int i) {
        return (ObjectNode)
                switch (i % 3) {
                    case 0 -> json.readTree("""
                            {"name": "Bulk %d", "url": "https://bulk%d.example.com/", "tags": ["batch:%d"]}""".formatted(i, i, i % 7));
                    case 1 -> json.readTree("""
                            {"name": "Bulk %d", "url": "https://bulk%d.example.com/", "tags": ["batch:%d"]}""".formatted(i, i, i));
                    default -> json.readTree("""
                            {"type": "tcp", "name": "Bulk %d", "host": "db%d.example.com", "port": 5432}""".formatted(i, i));
                };
    }

    private String bulk(ArrayNode monitors) {
        ObjectNode body = json.createObjectNode();
        body.set("monitors", monitors);
        return json.writeValueAsString(body);
    }

    private static String httpMonitor(String name, String tags) {
        return """
                {"name": "%s", "url": "https://%s.example.com/", "tags": [%s]}""".formatted(name, name.toLowerCase().replace(' ', '-'), tags);
    }

    /** The ids of every page of a list, following its next links. */
    private List<Long> allPages(String path, int limit) {
        List<Long> ids = new ArrayList<>();
        String next = path + (path.contains("?") ? "&" : "?") + "limit=" + limit;
        while (next != null) {
            HttpResponse<String> page = api.get(next);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            json.readTree(page.body()).forEach(m -> ids.add(m.get("id").asLong()));
            next = page.headers()
                    .firstValue("Link")
                    .map(link -> link.substring(
                            link.indexOf(api.url("")) + api.url("").length(), link.indexOf('>')))
                    .orElse(null);
        }
        return ids;
    }

    private long create(String body) {
        HttpResponse<String> created = api.send("POST", "/monitors", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    private List<String> tagsOf(long id) {
        List<String> tags = new ArrayList<>();
        json.readTree(api.get("/monitors/" + id).body()).get("tags").forEach(tag -> tags.add(tag.asString()));
        return tags;
    }

    private List<String> fields(HttpResponse<String> problem) {
        List<String> fields = new ArrayList<>();
        json.readTree(problem.body())
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM monitors").query(Long.class).single();
    }

    private static List<Long> append(List<Long> ids, Long... more) {
        List<Long> all = new ArrayList<>(ids);
        all.addAll(List.of(more));
        return all;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
