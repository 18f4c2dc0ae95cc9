package com.healthmonitor.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ApiHttp;
import com.healthmonitor.api.testing.ApiIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A masked secret (a header value, a token in the monitored URL) that a client echoes back keeps the stored value
 * only while the request still goes to the same server; through real HTTP and a real PostgreSQL.
 */
// The same context as MonitorApiIntegrationTest: anonymous, no rate limit.
@ApiIntegrationTest
class MonitorSecretsApiTest {

    private static final String MONITOR = """
            {"name": "Orders API", "url": "%s",
             "headers": {"Authorization": "%s"}}""";
    private static final String TOKEN = "Bearer s3cr3t-token-x9Qz";

    @Autowired
    private ApiHttp api;

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    private JdbcClient jdbc;

    @Test
    void anEchoedMaskedHeaderIsRefusedWhenTheHostChanges() throws Exception {
        long id = create("https://orders.example.com/health", TOKEN);

        HttpResponse<String> moved = api.send(
                "PUT", "/monitors/" + id, MONITOR.formatted("https://collector.example.net/health", "****x9Qz"));

        assertProblem(moved, "headers.Authorization", "re-enter the secret: the destination changed");
        assertThat(stored(id, "url")).isEqualTo("https://orders.example.com/health");
        assertThat(stored(id, "request_headers::text")).contains(TOKEN);
    }

    @Test
    void anEchoedMaskedHeaderIsRefusedWhenOnlyThePortOrSchemeChanges() throws Exception {
        long id = create("https://orders.example.com/health", TOKEN);

        assertProblem(
                api.send(
                        "PUT",
                        "/monitors/" + id,
                        MONITOR.formatted("https://orders.example.com:8443/health", "****x9Qz")),
                "headers.Authorization",
                "destination changed");
    }

    @Test
    void anEchoedMaskedHeaderKeepsTheTokenWhileTheHostStaysTheSame() throws Exception {
        long id = create("https://orders.example.com/health", TOKEN);

        HttpResponse<String> edited = api.send(
                "PUT", "/monitors/" + id, MONITOR.formatted("https://orders.example.com/v2/health", "****x9Qz"));

        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(stored(id, "request_headers::text")).contains(TOKEN);
    }

    @Test
    void aNewTokenForANewHostIsAccepted() throws Exception {
        long id = create("https://orders.example.com/health", TOKEN);

        HttpResponse<String> moved = api.send(
                "PUT", "/monitors/" + id, MONITOR.formatted("https://collector.example.net/health", "Bearer other"));

        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(stored(id, "request_headers::text")).contains("Bearer other");
    }

    @Test
    void showsATokenInTheMonitoredUrlMaskedAndAnEchoKeepsIt() throws Exception {
        long id = create("https://user:pa55@orders.example.com/health?token=abc123&region=eu", TOKEN);

        String shown = api.send("GET", "/monitors/" + id, null).body();
        String masked = json.readTree(shown).get("url").asString();
        HttpResponse<String> edited = api.send(
                "PUT", "/monitors/" + id, MONITOR.formatted(masked.replace("region=eu", "region=us"), "****x9Qz"));

        assertThat(masked).isEqualTo("https://****@orders.example.com/health?token=****&region=eu");
        assertThat(shown).doesNotContain("abc123").doesNotContain("pa55");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(stored(id, "url")).isEqualTo("https://user:pa55@orders.example.com/health?token=abc123&region=us");
        assertThat(api.send("GET", "/monitors", null).body()).doesNotContain("abc123");
    }

    @Test
    void anEchoedMaskedUrlTokenIsRefusedWhenTheHostOrPathChanges() throws Exception {
        long id = create("https://orders.example.com/health?token=abc123", TOKEN);

        assertProblem(
                api.send(
                        "PUT",
                        "/monitors/" + id,
                        MONITOR.formatted("https://collector.example.net/health?token=****", TOKEN)),
                "url",
                "re-enter the secret: the destination changed");
        assertProblem(
                api.send(
                        "PUT",
                        "/monitors/" + id,
                        MONITOR.formatted("https://orders.example.com/dump?token=****", TOKEN)),
                "url",
                "destination changed");
        assertThat(stored(id, "url")).isEqualTo("https://orders.example.com/health?token=abc123");
    }

    private long create(String url, String authorization) throws Exception {
        HttpResponse<String> created = api.send("POST", "/monitors", MONITOR.formatted(url, authorization));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    private void assertProblem(HttpResponse<String> response, String field, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = json.readTree(response.body()).get("errors");
        assertThat(errors.valueStream()
                        .filter(e -> e.get("field").asString().equals(field))
                        .map(e -> e.get("message").asString()))
                .singleElement()
                .asString()
                .contains(message);
    }

    private String stored(long id, String column) {
        return jdbc.sql("SELECT " + column + " FROM monitors WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }
}
