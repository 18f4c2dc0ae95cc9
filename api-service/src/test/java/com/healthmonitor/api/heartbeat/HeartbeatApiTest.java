package com.healthmonitor.api.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.testing.MutableClock;
import com.healthmonitor.testing.TestDatabaseInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Heartbeat monitors through the running API with API keys required: created with a ping URL, pinged without a key,
 * rotated, refused with a problem naming the field.
 */
// Own context, not @ApiIntegrationTest: needs an API key, a public base URL and a ping rate limit.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "health-monitor.api.api-keys=" + HeartbeatApiTest.KEY,
            "health-monitor.api.rate-limit.per-minute=0",
            "health-monitor.api.heartbeat.public-base-url=https://monitor.example.com/",
            "health-monitor.api.heartbeat.pings-per-second=3"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class HeartbeatApiTest {

    static final String KEY = "heartbeat-key-0123456789abcdef0123456789abcdef";

    private static final String BACKUP = """
            {"type": "heartbeat", "name": "Nightly backup", "period": 86400, "grace": 3600}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MutableClock clock;

    @Test
    void aHeartbeatIsCreatedWithAnUnguessablePingUrlShownOnceAndStoredAsAHash() throws Exception {
        HttpResponse<String> created = send("POST", "/monitors", BACKUP, KEY);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode monitor = json.readTree(created.body());
        long id = monitor.get("id").asLong();
        assertThat(monitor.get("type").asString()).isEqualTo("heartbeat");
        assertThat(monitor.get("period").asInt()).isEqualTo(86_400);
        assertThat(monitor.get("grace").asInt()).isEqualTo(3_600);
        assertThat(monitor.get("target").asString()).isEqualTo("heartbeat every 1 d, grace 1 h");
        assertThat(monitor.get("fail_threshold").asInt()).isEqualTo(1);
        assertThat(monitor.get("next_check_at").isNull()).isTrue();
        assertThat(Instant.parse(monitor.get("ping_deadline").asString()))
                .isEqualTo(Instant.parse(monitor.get("created_at").asString()).plusSeconds(86_400 + 3_600));
        String pingUrl = monitor.get("ping_url").asString();
        assertThat(pingUrl).matches("https://monitor\\.example\\.com/ping/[A-Za-z0-9_-]{32}");
        String token = token(pingUrl);

        assertThat(json.readTree(send("GET", "/monitors/" + id, null, KEY).body())
                        .has("ping_url"))
                .isFalse();
        assertThat(jdbc.sql("SELECT encode(ping_token_hash, 'hex') FROM monitors WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo(java.util.HexFormat.of().formatHex(PingTokens.hash(token)))
                .doesNotContain(token);
    }

    @Test
    void pingsNeedNoKeyForGetHeadAndPostWhileEverythingElseStillDoes() throws Exception {
        long id = createdId();
        String token = token(rotate(id));

        assertThat(send("GET", "/ping/" + token, null, null).statusCode()).isEqualTo(200);
        assertThat(send("HEAD", "/ping/" + token, null, null).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(send("POST", "/ping/" + token + "/start", "anything", null).statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/ping/" + token + "/fail", "log tail", null).statusCode())
                .isEqualTo(200);

        assertThat(jdbc.sql("SELECT string_agg(kind, ',' ORDER BY id) FROM heartbeat_pings WHERE monitor_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("success,success,start,fail");
        assertThat(send("GET", "/monitors/" + id, null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/monitors/" + id + "/rotate-ping-token", null, null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void anUnknownOrMalformedTokenIsA404Problem() throws Exception {
        for (String path : new String[] {
            "/ping/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/ping/short", "/ping/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/fail"
        }) {
            HttpResponse<String> response = send("GET", path, null, null);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void rotatingIssuesANewTokenAndTheOldOneIsA404AtOnce() throws Exception {
        long id = createdId();
        String old = token(rotate(id));
        assertThat(send("GET", "/ping/" + old, null, null).statusCode()).isEqualTo(200);

        String fresh = token(rotate(id));

        assertThat(fresh).isNotEqualTo(old);
        assertThat(send("GET", "/ping/" + old, null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/ping/" + fresh, null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> notAHeartbeat = send(
                "POST",
                "/monitors/"
                        + json.readTree(send("POST", "/monitors", """
                                        {"name": "Web", "url": "https://example.com/"}""", KEY).body())
                                .get("id")
                                .asLong()
                        + "/rotate-ping-token",
                null,
                KEY);
        assertThat(notAHeartbeat.statusCode()).isEqualTo(400);
        assertThat(notAHeartbeat.body()).contains("\"type\"").contains("only heartbeat monitors");
    }

    @Test
    void aTokenPingingTooOftenGets429WithRetryAfterWhileOtherTokensGoOn() throws Exception {
        String busy = token(rotate(createdId()));
        String calm = token(rotate(createdId()));
        clock.advance(Duration.ofSeconds(5));
        for (int i = 0; i < 3; i++) {
            assertThat(send("GET", "/ping/" + busy, null, null).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = send("GET", "/ping/" + busy, null, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(send("GET", "/ping/" + calm, null, null).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));
        assertThat(send("GET", "/ping/" + busy, null, null).statusCode()).isEqualTo(200);
    }

    static Stream<Arguments> badHeartbeats() {
        return Stream.of(
                Arguments.of(BACKUP.replace(", \"period\": 86400", ""), "period", "is required"),
                Arguments.of(BACKUP.replace("86400", "10"), "period", "between 30 and 2678400"),
                Arguments.of(BACKUP.replace("86400", "2678401"), "period", "between 30 and 2678400"),
                Arguments.of(BACKUP.replace("3600", "86401"), "grace", "between 0 and period"),
                Arguments.of(BACKUP.replace("3600", "-1"), "grace", "between 0 and period"),
                Arguments.of(BACKUP.replace("}", ", \"url\": \"https://e.com\"}"), "url", "not a field of heartbeat"),
                Arguments.of(BACKUP.replace("}", ", \"check_interval\": 60}"), "check_interval", "not a field"),
                Arguments.of(BACKUP.replace("}", ", \"port\": 80}"), "port", "not a field of heartbeat"),
                Arguments.of("""
                        {"type": "tcp", "name": "x", "host": "db.example.com", "port": 1, "period": 60}""", "period", "not a field of tcp"));
    }

    @ParameterizedTest
    @MethodSource("badHeartbeats")
    void aBrokenRuleIsA400ProblemNamingTheField(String body, String field, String message) throws Exception {
        HttpResponse<String> response = send("POST", "/monitors", body, KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"" + field + "\"").contains(message);
    }

    private long createdId() throws Exception {
        return json.readTree(send("POST", "/monitors", BACKUP, KEY).body())
                .get("id")
                .asLong();
    }

    private String rotate(long id) throws Exception {
        HttpResponse<String> rotated = send("POST", "/monitors/" + id + "/rotate-ping-token", null, KEY);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        return json.readTree(rotated.body()).get("ping_url").asString();
    }

    private static String token(String pingUrl) {
        return pingUrl.substring(pingUrl.lastIndexOf('/') + 1);
    }

    private HttpResponse<String> send(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    @TestConfiguration
    static class Time {
        @Bean
        MutableClock clock() {
            return new MutableClock();
        }
    }
}
