package com.healthmonitor.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmonitor.api.testing.ApiHttp;
import com.healthmonitor.api.testing.ApiIntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The check settings of issue 10 through real HTTP and a real PostgreSQL. */
@ApiIntegrationTest
class MonitorCheckSettingsApiTest {

    private static final String FULL = """
            {
              "name": "Orders API",
              "url": "https://orders.example.com/health",
              "method": "POST",
              "headers": {"Authorization": "Bearer s3cr3t-token-value", "X-Probe": "health-monitor"},
              "body": "{\\"probe\\": true}",
              "content_type": "application/json",
              "expected_status_codes": ["200-299", "301"],
              "assertions": [
                {"type": "body_contains", "value": "ok"},
                {"type": "body_not_contains", "value": "error"},
                {"type": "json_path", "path": "$.status", "equals": "UP"},
                {"type": "json_path", "path": "$.db", "exists": true},
                {"type": "json_path", "path": "$.queue.depth", "less_than": 100},
                {"type": "max_latency_ms", "value": 1500}
              ],
              "follow_redirects": false,
              "tls_expiry_days": 30,
              "fail_threshold": 3,
              "success_threshold": 1
            }""";

    @Autowired
    private ApiHttp api;

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    private JdbcClient jdbc;

    @Test
    void storesEverySettingAndShowsItBackWithHeaderValuesMasked() throws Exception {
        HttpResponse<String> created = api.send("POST", "/monitors", FULL);

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode monitor = json.readTree(created.body());
        assertThat(monitor.get("method").asString()).isEqualTo("POST");
        assertThat(monitor.get("headers").get("Authorization").asString()).isEqualTo("****alue");
        assertThat(monitor.get("headers").get("X-Probe").asString()).isEqualTo("****itor");
        assertThat(created.body()).doesNotContain("s3cr3t");
        assertThat(monitor.get("body").asString()).isEqualTo("{\"probe\": true}");
        assertThat(monitor.get("content_type").asString()).isEqualTo("application/json");
        assertThat(monitor.get("expected_status_codes").toString()).isEqualTo("[\"200-299\",\"301\"]");
        assertThat(monitor.get("expected_status_code").isNull()).isTrue();
        assertThat(monitor.get("assertions")).hasSize(6);
        assertThat(monitor.get("assertions").get(2).toString())
                .isEqualTo("{\"type\":\"json_path\",\"path\":\"$.status\",\"equals\":\"UP\"}");
        assertThat(monitor.get("assertions").get(5).toString())
                .isEqualTo("{\"type\":\"max_latency_ms\",\"value\":1500}");
        assertThat(monitor.get("follow_redirects").asBoolean()).isFalse();
        assertThat(monitor.get("tls_expiry_days").asInt()).isEqualTo(30);
        assertThat(monitor.get("fail_threshold").asInt()).isEqualTo(3);
        assertThat(monitor.get("success_threshold").asInt()).isEqualTo(1);
        long id = monitor.get("id").asLong();
        assertThat(storedHeaders(id)).contains("Bearer s3cr3t-token-value");
    }

    @Test
    void echoingMaskedHeaderValuesBackKeepsTheRealOnes() throws Exception {
        long id = json.readTree(api.send("POST", "/monitors", FULL).body())
                .get("id")
                .asLong();
        String shown = api.send("GET", "/monitors/" + id, null).body();
        String edited = FULL.replace("\"Bearer s3cr3t-token-value\"", "\"****alue\"")
                .replace("\"health-monitor\"", "\"changed\"");

        HttpResponse<String> updated = api.send("PUT", "/monitors/" + id, edited);

        assertThat(shown).contains("****alue");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(storedHeaders(id)).contains("Bearer s3cr3t-token-value").contains("changed");
    }

    @Test
    void theSeedsShorthandShowsBothFieldsConsistently() throws Exception {
        JsonNode monitor = json.readTree(api.send("POST", "/monitors", """
                        {"name": "Seed", "url": "https://google.com/", "check_interval": 30, "timeout": 5,
                         "expected_status_code": 200, "enabled": true}""").body());

        assertThat(monitor.get("expected_status_code").asInt()).isEqualTo(200);
        assertThat(monitor.get("expected_status_codes").toString()).isEqualTo("[\"200\"]");
        assertThat(monitor.get("method").asString()).isEqualTo("GET");
        assertThat(monitor.get("headers").isEmpty()).isTrue();
        assertThat(monitor.get("assertions").isEmpty()).isTrue();
        assertThat(monitor.get("follow_redirects").asBoolean()).isTrue();
        assertThat(monitor.get("tls_expiry_days").asInt()).isEqualTo(14);
        assertThat(monitor.get("fail_threshold").isNull()).isTrue();
        long id = monitor.get("id").asLong();
        assertThat(jdbc.sql("SELECT expected_status_code FROM monitors WHERE id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(200);
    }

    static Stream<Arguments> badSettings() {
        String base = "{\"name\": \"x\", \"url\": \"https://e.com\", %s}";
        return Stream.of(
                Arguments.of(
                        base.formatted("\"expected_status_code\": 200, \"expected_status_codes\": [\"200\"]"),
                        "expected_status_codes",
                        "cannot be sent together"),
                Arguments.of(
                        base.formatted("\"expected_status_codes\": [\"299-200\"]"),
                        "expected_status_codes",
                        "inverted range"),
                Arguments.of(base.formatted("\"expected_status_codes\": [\"2xx\"]"), "expected_status_codes", "2xx"),
                Arguments.of(base.formatted("\"method\": \"TRACE\""), "method", "must be one of"),
                Arguments.of(base.formatted("\"body\": \"x\""), "body", "cannot be sent with GET"),
                Arguments.of(base.formatted("\"method\": \"HEAD\", \"body\": \"x\""), "body", "HEAD"),
                Arguments.of(
                        base.formatted("\"method\": \"POST\", \"body\": \"%s\"".formatted("a".repeat(65_537))),
                        "body",
                        "64 KiB"),
                Arguments.of(base.formatted("\"content_type\": \"application/json\""), "content_type", "needs a body"),
                Arguments.of(base.formatted("\"headers\": {\"X-A\": \"a\\r\\nInjected: 1\"}"), "headers.X-A", "CR"),
                Arguments.of(base.formatted("\"headers\": {\"Host\": \"internal\"}"), "headers.Host", "cannot be set"),
                Arguments.of(
                        base.formatted("\"headers\": {\"Connection\": \"close\"}"), "headers.Connection", "hop-by-hop"),
                Arguments.of(base.formatted("\"headers\": {\"Bad Name\": \"x\"}"), "headers.Bad Name", "header name"),
                Arguments.of(
                        base.formatted("\"assertions\": [{\"type\": \"json_path\", \"path\": \"$.[\", "
                                + "\"equals\": \"UP\"}]"),
                        "assertions[0].path",
                        "not a valid JSONPath"),
                Arguments.of(
                        base.formatted("\"assertions\": [{\"type\": \"body_contains\", \"value\": \"ok\"}, "
                                + "{\"type\": \"json_path\", \"path\": \"$.status[\", \"equals\": \"UP\"}]"),
                        "assertions[1].path",
                        "unexpected '[' at the end"),
                Arguments.of(
                        base.formatted("\"assertions\": [{\"type\": \"json_path\", "
                                + "\"path\": \"$.items[?(@.name =~ /(a+)+$/)]\", \"exists\": true}]"),
                        "assertions[0].path",
                        "regular-expression filters (=~) are not supported"),
                Arguments.of(
                        base.formatted("\"assertions\": [{\"type\": \"json_path\", \"path\": \"$.a\"}]"),
                        "assertions[0]",
                        "exactly one condition"),
                Arguments.of(
                        base.formatted("\"assertions\": [{\"type\": \"json_path\", \"path\": \"$.a\", "
                                + "\"less_than\": 1, \"greater_than\": 5}]"),
                        "assertions[0]",
                        "empty range"),
                Arguments.of(
                        base.formatted("\"assertions\": [{\"type\": \"body_contains\", \"value\": \"\"}]"),
                        "assertions[0]",
                        "value is required"),
                Arguments.of(
                        base.formatted("\"assertions\": [{\"type\": \"max_latency_ms\", \"value\": 0}]"),
                        "assertions[0]",
                        "between 1 and 60000"),
                Arguments.of(
                        base.formatted("\"assertions\": [{\"type\": \"status_is\", \"value\": 1}]"),
                        "assertions[0].type",
                        "must be one of"),
                Arguments.of(base.formatted("\"tls_expiry_days\": -1"), "tls_expiry_days", "0 (off)"),
                Arguments.of(base.formatted("\"fail_threshold\": 11"), "fail_threshold", "between 1 and 10"),
                Arguments.of(base.formatted("\"success_threshold\": 0"), "success_threshold", "between 1 and 10"));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void refusesBadSettingsWithAProblemNamingTheField(String body, String field, String message) throws Exception {
        int before = count();

        HttpResponse<String> response = api.send("POST", "/monitors", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = json.readTree(response.body()).get("errors");
        assertThat(errors.valueStream().map(e -> e.get("field").asString()).toList())
                .contains(field);
        assertThat(errors.toString()).contains(message);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void refusesAnInvalidJsonPathOnUpdateAndKeepsTheStoredOne() throws Exception {
        long id = json.readTree(api.send("POST", "/monitors", FULL).body())
                .get("id")
                .asLong();

        HttpResponse<String> updated =
                api.send("PUT", "/monitors/" + id, FULL.replace("\"$.status\"", "\"$.status[\""));
        HttpResponse<String> regex =
                api.send("PUT", "/monitors/" + id, FULL.replace("\"$.status\"", "\"$..[?(@.status =~ /^(a*)*b$/)]\""));

        assertThat(updated.statusCode()).isEqualTo(400);
        assertThat(updated.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(updated.body()).get("errors").toString())
                .contains("\"assertions[2].path\"")
                .contains("not a valid JSONPath");
        assertThat(regex.statusCode()).isEqualTo(400);
        assertThat(json.readTree(regex.body()).get("errors").toString()).contains("\"assertions[2].path\"");
        assertThat(jdbc.sql("SELECT assertions::text FROM monitors WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .contains("\"$.status\"")
                .doesNotContain("$.status[")
                .doesNotContain("=~");
    }

    @Test
    void theDatabaseRefusesWhatTheApiRefuses() {
        // A raw row on purpose: the constraints are tried on the table itself, past the api's validation.
        long id = jdbc.sql("INSERT INTO monitors (name, url) VALUES ('db', 'https://e.com') RETURNING id")
                .query(Long.class)
                .single();
        List<String> broken = List.of(
                "request_body = 'x'", // on GET
                "expected_status_codes = '{200}'", // together with expected_status_code
                "expected_status_code = NULL, expected_status_codes = '{299-200}'",
                "fail_threshold = 11",
                "tls_expiry_days = -1",
                "method = 'TRACE'",
                "request_content_type = 'text/plain'");
        for (String change : broken) {
            assertThatThrownBy(() -> jdbc.sql("UPDATE monitors SET " + change + " WHERE id = ?")
                            .param(id)
                            .update())
                    .as(change)
                    .isInstanceOf(DataIntegrityViolationException.class);
        }
    }

    private int count() {
        return jdbc.sql("SELECT count(*) FROM monitors").query(Integer.class).single();
    }

    private String storedHeaders(long id) {
        return jdbc.sql("SELECT request_headers::text FROM monitors WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }
}
