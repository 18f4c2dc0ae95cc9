package com.healthmonitor.api.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ApiIntegrationTest;
import com.healthmonitor.api.testing.RawHttp;
import com.healthmonitor.api.testing.RawHttp.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where anonymous access is allowed (ALLOW_ANONYMOUS=true, or the standalone on loopback), a request without a key
 * is served as an admin, as before; a request that presents a key is held to it: a wrong key is a 401 and a
 * managed key gets its own scope, so a read key handed to a dashboard stays read-only here too.
 */
@ApiIntegrationTest
class AnonymousWithManagedKeysTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Test
    void withoutAKeyTheCallerIsAnAnonymousAdminButAPresentedKeyBringsItsOwnScope() throws Exception {
        RawHttp http = new RawHttp(port);
        JsonNode me = json.readTree(http.get("/api-keys/current").body());
        assertThat(me.get("anonymous").asBoolean()).isTrue();
        assertThat(me.get("scope").asString()).isEqualTo("admin");

        Response created = http.send("POST", "/api-keys", """
                {"name": "viewer", "scope": "read"}""", "Content-Type: application/json");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String read = json.readTree(created.body()).get("key").asString();

        JsonNode viewer = json.readTree(
                http.get("/api-keys/current", "X-API-Key: " + read).body());
        assertThat(viewer.get("anonymous").asBoolean()).isFalse();
        assertThat(viewer.get("scope").asString()).isEqualTo("read");
        assertThat(http.get("/monitors", "X-API-Key: " + read).status()).isEqualTo(200);
        Response refused = http.send("POST", "/monitors", """
                {"name": "n", "url": "https://example.com/"}""", "Content-Type: application/json", "X-API-Key: " + read);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();

        Response wrong = http.get("/monitors", "Authorization: Bearer hm_not-a-key-0123456789abcdef0123456789abc");
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        assertThat(http.get("/monitors").status()).isEqualTo(200);
    }
}
