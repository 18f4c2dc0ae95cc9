package com.healthmonitor.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ApiHttp;
import com.healthmonitor.api.testing.ApiIntegrationTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The seed's requests, sent as curl would send them, through real HTTP to a real PostgreSQL. */
@ApiIntegrationTest
class MonitorApiIntegrationTest {

    private static final String WEBHOOK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXX";
    private static final String STEP_10 = """
            {
                "name": "Google Homepage",
                "url": "https://google.com/",
                "check_interval": 30,
                "timeout": 5,
                "expected_status_code": 200,
                "webhook_url": "%s",
                "enabled": true
              }""".formatted(WEBHOOK);

    @Autowired
    private ApiHttp api;

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    private JdbcClient jdbc;

    @BeforeEach
    void emptyTheTable() {
        jdbc.sql("DELETE FROM monitors").update();
    }

    @Test
    void seedStepTenCreatesAMonitorThatIsListedAsDocumented() throws Exception {
        HttpResponse<String> created = api.send("POST", "/monitors", STEP_10);

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode monitor = json.readTree(created.body());
        long id = monitor.get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue(api.url("/monitors/" + id));
        assertThat(monitor.get("name").asString()).isEqualTo("Google Homepage");
        assertThat(monitor.get("url").asString()).isEqualTo("https://google.com/");
        assertThat(monitor.get("check_interval").asInt()).isEqualTo(30);
        assertThat(monitor.get("timeout").asInt()).isEqualTo(5);
        assertThat(monitor.get("expected_status_code").asInt()).isEqualTo(200);
        assertThat(monitor.get("enabled").asBoolean()).isTrue();
        assertThat(monitor.get("status").asString()).isEqualTo("UNKNOWN");
        assertThat(monitor.get("consecutive_failures").asInt()).isZero();
        assertThat(monitor.get("created_at").asString()).endsWith("Z");
        assertThat(monitor.get("webhook_url").asString()).isEqualTo("https://hooks.slack.com/****XXXX");

        HttpResponse<String> list = api.send("GET", "/monitors", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode listed = json.readTree(list.body());
        assertThat(listed.isArray()).isTrue();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asLong()).isEqualTo(id);

        HttpResponse<String> one = api.send("GET", "/monitors/" + id, null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json.readTree(one.body()).get("name").asString()).isEqualTo("Google Homepage");
        assertThat(one.body() + list.body() + created.body()).doesNotContain("XXXXXXXXXXXX");
    }

    @Test
    void seedUpdateExampleReplacesTheConfiguration() throws Exception {
        long id = create();

        HttpResponse<String> updated = api.send("PUT", "/monitors/" + id, """
                {
                  "name": "Updated Name",
                  "url": "https://example.com",
                  "check_interval": 120,
                  "timeout": 10,
                  "expected_status_code": 200,
                  "webhook_url": "https://hooks.slack.com/services/T1/B1/new-secret",
                  "enabled": false
                }""");

        assertThat(updated.statusCode()).isEqualTo(200);
        JsonNode monitor = json.readTree(updated.body());
        assertThat(monitor.get("name").asString()).isEqualTo("Updated Name");
        assertThat(monitor.get("check_interval").asInt()).isEqualTo(120);
        assertThat(monitor.get("timeout").asInt()).isEqualTo(10);
        assertThat(monitor.get("enabled").asBoolean()).isFalse();
        assertThat(monitor.get("next_check_at").isNull()).isTrue();
        assertThat(storedWebhook(id)).isEqualTo("https://hooks.slack.com/services/T1/B1/new-secret");
        assertThat(json.readTree(api.send("GET", "/monitors/" + id, null).body())
                        .get("name")
                        .asString())
                .isEqualTo("Updated Name");
    }

    @Test
    void deleteRemovesTheMonitor() throws Exception {
        long id = create();

        assertThat(api.send("DELETE", "/monitors/" + id, null).statusCode()).isEqualTo(204);
        assertThat(api.send("GET", "/monitors/" + id, null).statusCode()).isEqualTo(404);
        assertThat(api.send("DELETE", "/monitors/" + id, null).statusCode()).isEqualTo(404);
        assertThat(count()).isZero();
    }

    @Test
    void echoingTheMaskedWebhookBackKeepsTheRealOne() throws Exception {
        long id = create();
        String shown = json.readTree(api.send("GET", "/monitors/" + id, null).body())
                .get("webhook_url")
                .asString();

        HttpResponse<String> updated = api.send(
                "PUT", "/monitors/" + id, STEP_10.replace(WEBHOOK, shown).replace("Google Homepage", "Renamed"));

        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(storedWebhook(id)).isEqualTo(WEBHOOK);
    }

    @Test
    void anUpdateNeverOverwritesTheWorkersStateOrTheSchedulersClaim() throws Exception {
        long id = create();
        jdbc.sql("UPDATE monitors SET status = 'DOWN', consecutive_failures = 3,"
                        + " next_check_at = now() + interval '1 hour' WHERE id = ?")
                .param(id)
                .update();

        api.send("PUT", "/monitors/" + id, STEP_10.replace("Google Homepage", "Renamed only"));

        Map<String, Object> row = jdbc.sql("SELECT status, consecutive_failures, next_check_at > now() AS later,"
                        + " config_version FROM monitors WHERE id = ?")
                .param(id)
                .query()
                .singleRow();
        assertThat(row).containsEntry("status", "DOWN").containsEntry("consecutive_failures", 3);
        assertThat(row.get("later")).isEqualTo(true);
        assertThat((Long) row.get("config_version")).isEqualTo(2L);
    }

    @Test
    void aChangedCheckIsDueAtOnceInsteadOfAfterTheOldInterval() throws Exception {
        long id = create();
        jdbc.sql("UPDATE monitors SET next_check_at = now() + interval '1 hour' WHERE id = ?")
                .param(id)
                .update();

        api.send("PUT", "/monitors/" + id, STEP_10.replace("https://google.com/", "https://google.com/health"));

        assertThat(jdbc.sql("SELECT next_check_at <= now() FROM monitors WHERE id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void badInputIsRefusedWithAProblemAndWritesNothing() throws Exception {
        long id = create();
        String before = snapshot(id);
        List<String> badBodies = List.of(
                "",
                "null",
                "[]",
                "{\"name\":",
                "{\"name\":\"x\",\"url\":\"https://e.com\",\"colour\":\"red\"}",
                "{\"name\":\"x\",\"url\":\"https://e.com\",\"check_interval\":\"often\"}",
                "{\"name\":\"x\",\"url\":\"https://e.com\",\"check_interval\":10}",
                "{\"name\":\"x\",\"url\":\"https://e.com\",\"check_interval\":30,\"timeout\":30}",
                "{\"name\":\"x\",\"url\":\"http://127.0.0.1:8080\"}",
                "{\"name\":\"x\",\"url\":\"https://e.com\",\"webhook_url\":\"http://hooks.example.com\"}",
                STEP_10.replace("200,", "700,"));

        for (String body : badBodies) {
            HttpResponse<String> post = api.send("POST", "/monitors", body);
            HttpResponse<String> put = api.send("PUT", "/monitors/" + id, body);
            for (HttpResponse<String> response : List.of(post, put)) {
                assertThat(response.statusCode()).as(body).isEqualTo(400);
                assertThat(response.headers().firstValue("Content-Type"))
                        .as(body)
                        .hasValue("application/problem+json");
                assertThat(json.readTree(response.body())
                                .get("errors")
                                .get(0)
                                .get("field")
                                .asString())
                        .as(body)
                        .isNotBlank();
            }
        }
        assertThat(api.send("PUT", "/monitors/abc", STEP_10).statusCode()).isEqualTo(400);
        assertThat(api.send("PUT", "/monitors/" + (id + 1000), STEP_10).statusCode())
                .isEqualTo(404);
        assertThat(api.send("PATCH", "/monitors/" + id, STEP_10).statusCode()).isEqualTo(405);

        assertThat(count()).isEqualTo(1);
        assertThat(snapshot(id)).isEqualTo(before);
    }

    @Test
    void listsAFleetPageByPage() throws Exception {
        long first = create();
        long second = create();
        long third = create();

        HttpResponse<String> page1 = api.send("GET", "/monitors?limit=2", null);
        assertThat(ids(page1)).containsExactly(first, second);
        String next = page1.headers().firstValue("Link").orElseThrow();
        String nextUrl = next.substring(next.indexOf('<') + 1, next.indexOf('>'));

        HttpResponse<String> page2 = api.get(nextUrl.replace(api.url(""), ""));
        assertThat(ids(page2)).containsExactly(third);
        assertThat(page2.headers().firstValue("Link")).isEmpty();
    }

    @Test
    void answersTheLoadBalancerAndTheReadinessProbe() throws Exception {
        HttpResponse<String> health = api.send("GET", "/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body())).isEqualTo(json.readTree("{\"status\":\"ok\"}"));

        HttpResponse<String> readiness = api.send("GET", "/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        assertThat(api.send("GET", "/actuator/health/liveness", null).statusCode())
                .isEqualTo(200);
    }

    private long create() throws IOException, InterruptedException {
        HttpResponse<String> response = api.send("POST", "/monitors", STEP_10);
        assertThat(response.statusCode()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asLong();
    }

    private List<Long> ids(HttpResponse<String> response) {
        return json.readTree(response.body())
                .valueStream()
                .map(node -> node.get("id").asLong())
                .toList();
    }

    private int count() {
        return jdbc.sql("SELECT count(*) FROM monitors").query(Integer.class).single();
    }

    private String snapshot(long id) {
        return jdbc.sql("SELECT m::text FROM monitors m WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private String storedWebhook(long id) {
        return jdbc.sql("SELECT webhook_url FROM monitors WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }
}
