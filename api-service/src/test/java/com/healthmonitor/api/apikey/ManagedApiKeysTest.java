package com.healthmonitor.api.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.ApiApplication;
import com.healthmonitor.api.testing.RawHttp;
import com.healthmonitor.api.testing.RawHttp.Response;
import com.healthmonitor.common.database.Timestamps;
import com.healthmonitor.testing.MutableClock;
import com.healthmonitor.testing.TestDatabase;
import com.healthmonitor.testing.TestDatabaseInitializer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Managed, scoped API keys over real HTTP against a real PostgreSQL: a key is shown once and stored as its hash
 * only, its scope decides what it may do (403 problem+json naming the scope needed), and a deleted key is refused at
 * once, by a second API instance on the same database too.
 */
// Own context, not @ApiIntegrationTest: needs an admin API key and no anonymous access.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"API_KEYS=" + ManagedApiKeysTest.ADMIN_KEY, "health-monitor.api.rate-limit.per-minute=0"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@ExtendWith(OutputCaptureExtension.class)
class ManagedApiKeysTest {

    /** The operator's key from the environment: an admin key. */
    static final String ADMIN_KEY = "environment-admin-key-0123456789abcdef";

    private static final String MONITOR = """
            {"name": "n", "url": "https://example.com/", "check_interval": 30, "timeout": 5}""";

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MutableClock clock;

    @Value("${spring.datasource.url}")
    private String databaseUrl;

    private RawHttp http;

    @TestConfiguration
    static class Time {
        @Bean
        MutableClock clock() {
            return new MutableClock();
        }
    }

    @BeforeEach
    void connect() {
        http = new RawHttp(port);
    }

    @Test
    void aNewKeyIsShownOnceWithAPrefixAndOnlyItsSha256IsStored(CapturedOutput output) throws Exception {
        Response created = send(ADMIN_KEY, "POST", "/api-keys", """
                {"name": "ci", "scope": "write"}""");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = json.readTree(created.body());
        String key = body.get("key").asString();
        long id = body.get("id").asLong();
        assertThat(key).startsWith("hm_").hasSizeGreaterThanOrEqualTo(35).matches("hm_[A-Za-z0-9_-]+");
        assertThat(body.get("name").asString()).isEqualTo("ci");
        assertThat(body.get("scope").asString()).isEqualTo("write");
        assertThat(Instant.parse(body.get("created_at").asString())).isEqualTo(clock.instant());
        assertThat(created.header("Location")).endsWith("/api-keys/" + id);
        assertThat(created.header("Cache-Control")).contains("no-store");
        // Two keys never share a secret.
        String other = json.readTree(send(ADMIN_KEY, "POST", "/api-keys", """
                                {"name": "ci", "scope": "write"}""").body())
                .get("key")
                .asString();
        assertThat(other).isNotEqualTo(key);

        Response list = send(ADMIN_KEY, "GET", "/api-keys", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(key).doesNotContain("\"key\"").doesNotContain("hash");
        JsonNode listed = entry(json.readTree(list.body()), id);
        assertThat(listed.get("prefix").asString()).isEqualTo(key.substring(0, 8));
        assertThat(listed.get("scope").asString()).isEqualTo("write");
        assertThat(listed.get("last_used_at").isNull()).isTrue();
        Response one = send(ADMIN_KEY, "GET", "/api-keys/" + id, null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).doesNotContain(key);

        byte[] stored = jdbc.sql("SELECT key_hash FROM api_keys WHERE id = :id")
                .param("id", id)
                .query(byte[].class)
                .single();
        assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        String wholeRow = jdbc.sql("SELECT t::text FROM api_keys t WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(wholeRow).doesNotContain(key).doesNotContain(key.substring(8));
        assertThat(send(key, "GET", "/monitors", null).status()).isEqualTo(200);
        assertThat(output.getAll()).contains("created api_key=" + id).doesNotContain(key.substring(8));
    }

    @Test
    void aReadKeyReadsButIsRefusedEveryChangeWithA403NamingTheScopeItNeeds() throws Exception {
        String read = create("dashboard viewer", "read");

        assertThat(send(read, "GET", "/monitors", null).status()).isEqualTo(200);
        assertThat(send(read, "HEAD", "/monitors", null).status()).isEqualTo(200);
        assertThat(send(read, "GET", "/settings/daily-summary", null).status()).isEqualTo(200);
        assertThat(send(read, "GET", "/config", null).status()).isEqualTo(200);
        long monitors = monitors();

        Response post = send(read, "POST", "/monitors", MONITOR);
        assertForbidden(post, "write");
        assertThat(post.body()).contains("read scope");
        assertThat(monitors()).isEqualTo(monitors);
        assertForbidden(send(read, "PUT", "/monitors/1", MONITOR), "write");
        assertForbidden(send(read, "DELETE", "/monitors/1", null), "write");
        assertForbidden(send(read, "POST", "/channels/1/test", null), "write");
        assertForbidden(send(read, "POST", "/status-pages", "{}"), "write");
        assertForbidden(send(read, "POST", "/maintenance-windows", "{}"), "write");
        assertForbidden(send(read, "POST", "/config/plan", "{}"), "write");
        assertForbidden(send(read, "POST", "/config/apply", "{}"), "write");
        assertForbidden(send(read, "GET", "/api-keys", null), "admin");
        assertForbidden(send(read, "PUT", "/settings/daily-summary", "{}"), "admin");
    }

    @Test
    void aWriteKeyChangesMonitorsButNeitherKeysNorSettings() throws Exception {
        String write = create("ci", "write");

        assertThat(send(write, "POST", "/monitors", MONITOR).status()).isEqualTo(201);
        assertThat(send(write, "POST", "/config/plan", "{}").status()).isEqualTo(200);
        assertForbidden(send(write, "GET", "/api-keys", null), "admin");
        assertForbidden(send(write, "POST", "/api-keys", """
                {"name": "escalate", "scope": "admin"}"""), "admin");
        assertForbidden(send(write, "DELETE", "/api-keys/1", null), "admin");
        assertForbidden(send(write, "GET", "/api-keys/1", null), "admin");
        assertForbidden(send(write, "PUT", "/settings/daily-summary", "{}"), "admin");
        assertThat(jdbc.sql("SELECT count(*) FROM api_keys WHERE scope = 'admin'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void noSpellingOfTheKeyRoutesLetsAWriteKeyThrough() throws Exception {
        String write = create("ci", "write");
        List<String> spellings = List.of(
                "/api-keys/",
                "//api-keys",
                "/api-keys;x=1",
                "/%61pi-keys",
                "/api%2Dkeys",
                "/api-keys/./",
                "/health/../api-keys",
                "/api-keys/%63urrent/..",
                "/api-keys?x=1");
        for (String path : spellings) {
            for (String method : List.of("GET", "POST")) {
                Response response = send(
                        write, method, path, method.equals("POST") ? "{\"name\": \"x\", \"scope\": \"admin\"}" : null);
                assertThat(response.status())
                        .as(method + " " + path + " → " + response)
                        .isIn(400, 403, 404, 405);
            }
        }
        assertThat(jdbc.sql("SELECT count(*) FROM api_keys WHERE scope = 'admin'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aManagedAdminKeyManagesKeysAndEveryKeyMayAskWhoItIs() throws Exception {
        String admin = create("ops", "admin");
        Response created = send(admin, "POST", "/api-keys", """
                {"name": "made by a managed admin", "scope": "read"}""");
        assertThat(created.status()).isEqualTo(201);
        String read = json.readTree(created.body()).get("key").asString();
        assertThat(send(admin, "GET", "/api-keys", null).status()).isEqualTo(200);
        assertThat(send(admin, "PUT", "/settings/daily-summary", """
                        {"enabled": false}""").status()).isNotEqualTo(403);

        JsonNode me = json.readTree(send(read, "GET", "/api-keys/current", null).body());
        assertThat(me.get("scope").asString()).isEqualTo("read");
        assertThat(me.get("name").asString()).isEqualTo("made by a managed admin");
        assertThat(me.get("anonymous").asBoolean()).isFalse();
        JsonNode environment =
                json.readTree(send(ADMIN_KEY, "GET", "/api-keys/current", null).body());
        assertThat(environment.get("scope").asString()).isEqualTo("admin");
        assertThat(environment.get("id").isNull()).isTrue();
        assertThat(environment.get("name").asString()).isEqualTo("API_KEYS key 1");

        Response anonymous = send(null, "GET", "/api-keys/current", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(send("hm_" + "x".repeat(43), "GET", "/monitors", null).status())
                .isEqualTo(401);
    }

    @Test
    void lastUsedAtIsWrittenAtMostOnceAMinute() throws Exception {
        String read = create("poller", "read");
        long id = idOf(read);
        assertThat(lastUsed(id)).isNull();

        Instant first = clock.instant();
        assertThat(send(read, "GET", "/monitors", null).status()).isEqualTo(200);
        assertThat(lastUsed(id)).isEqualTo(first);

        clock.advance(Duration.ofSeconds(30));
        assertThat(send(read, "GET", "/monitors", null).status()).isEqualTo(200);
        assertThat(lastUsed(id)).as("not rewritten within the minute").isEqualTo(first);

        clock.advance(Duration.ofSeconds(31));
        assertThat(send(read, "GET", "/monitors", null).status()).isEqualTo(200);
        assertThat(lastUsed(id)).isEqualTo(clock.instant());
        JsonNode listed =
                entry(json.readTree(send(ADMIN_KEY, "GET", "/api-keys", null).body()), id);
        assertThat(Instant.parse(listed.get("last_used_at").asString())).isEqualTo(clock.instant());
    }

    @Test
    void aDeletedKeyIsRefusedAtOnceByASecondInstanceOnTheSameDatabase() throws Exception {
        String key = create("short-lived", "write");
        long id = idOf(key);
        try (ConfigurableApplicationContext second = startSecondInstance()) {
            RawHttp other = new RawHttp(
                    ((WebServerApplicationContext) second).getWebServer().getPort());
            assertThat(other.get("/monitors", "X-API-Key: " + key).status()).isEqualTo(200);

            Response deleted = send(ADMIN_KEY, "DELETE", "/api-keys/" + id, null);
            assertThat(deleted.status()).isEqualTo(204);

            Response refused = other.get("/monitors", "Authorization: Bearer " + key);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.isProblem()).isTrue();
            assertThat(send(key, "GET", "/monitors", null).status()).isEqualTo(401);
        }
        assertThat(send(ADMIN_KEY, "DELETE", "/api-keys/" + id, null).status()).isEqualTo(404);
        assertThat(send(ADMIN_KEY, "GET", "/api-keys/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void anInvalidKeyRequestIsA400NamingEachFieldAtFault() throws Exception {
        assertInvalid("{}", "name", "scope");
        assertInvalid("""
                {"name": "  ", "scope": "root"}""", "name", "scope");
        assertInvalid("""
                {"name": "%s", "scope": "READ"}""".formatted("n".repeat(101)), "name", "scope");
        assertInvalid("""
                {"name": "two\\nlines", "scope": "read"}""", "name");
        assertInvalid("""
                {"name": "ci", "scope": "read", "key": "hm_chosen-by-the-client-0123456789abcdef"}""", "key");
        assertInvalid("""
                {"name": "ci", "scope": 1}""", "scope");
        assertInvalid("[]", "body");
        assertThat(send(ADMIN_KEY, "GET", "/api-keys?limit=0", null).status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM api_keys WHERE name = 'ci' AND scope = 'read'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    // --- helpers ---

    private void assertInvalid(String body, String... fields) throws Exception {
        Response response = send(ADMIN_KEY, "POST", "/api-keys", body);
        assertThat(response.status()).as(body + " → " + response).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        List<String> named = json.readTree(response.body())
                .get("errors")
                .valueStream()
                .map(error -> error.get("field").asString())
                .toList();
        assertThat(named).as(body).containsExactlyInAnyOrder(fields);
    }

    private static void assertForbidden(Response response, String scope) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.body()).contains("needs the " + scope + " scope");
    }

    private String create(String name, String scope) throws Exception {
        Response created = send(ADMIN_KEY, "POST", "/api-keys", """
                {"name": "%s", "scope": "%s"}""".formatted(name, scope));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return json.readTree(created.body()).get("key").asString();
    }

    private long idOf(String key) throws Exception {
        String prefix = key.substring(0, 8);
        return jdbc.sql("SELECT id FROM api_keys WHERE prefix = :prefix")
                .param("prefix", prefix)
                .query(Long.class)
                .single();
    }

    private long monitors() {
        return jdbc.sql("SELECT count(*) FROM monitors").query(Long.class).single();
    }

    private Instant lastUsed(long id) {
        return jdbc.sql("SELECT last_used_at FROM api_keys WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> Timestamps.instant(rs, "last_used_at"))
                .list()
                .getFirst();
    }

    private static JsonNode entry(JsonNode list, long id) {
        return list.valueStream()
                .filter(key -> key.get("id").asLong() == id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("key " + id + " not listed in " + list));
    }

    private Response send(String key, String method, String path, String body) {
        List<String> headers = new java.util.ArrayList<>();
        if (key != null) {
            headers.add("X-API-Key: " + key);
        }
        if (body != null) {
            headers.add("Content-Type: application/json");
        }
        return http.send(method, path, body, headers.toArray(String[]::new));
    }

    /** Another API instance, as a second task of the service would be: its own context, the same database. */
    private ConfigurableApplicationContext startSecondInstance() {
        return new SpringApplicationBuilder(ApiApplication.class)
                .properties("spring.config.name=" + ApiApplication.CONFIG_NAME)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + databaseUrl,
                        "--spring.datasource.username=" + TestDatabase.USERNAME,
                        "--spring.datasource.password=" + TestDatabase.PASSWORD,
                        "--API_KEYS=" + ADMIN_KEY);
    }
}
