package com.healthmonitor.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ApiIntegrationTest;
import com.healthmonitor.api.testing.RawHttp;
import com.healthmonitor.api.testing.RawHttp.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lists that had no page size page like {@code GET /monitors}: {@code limit} (at most 1000, beyond it a 400
 * naming {@code limit}) and {@code after_id}, a {@code Link: rel="next"} on a full page, a plain array as before.
 */
@ApiIntegrationTest
class ListPagingTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private RawHttp http;

    @BeforeEach
    void threeOfEach() {
        http = new RawHttp(port);
        jdbc.sql("DELETE FROM channels").update();
        jdbc.sql("DELETE FROM maintenance_windows").update();
        jdbc.sql("DELETE FROM status_pages").update();
        for (int i = 0; i < 3; i++) {
            created("/channels", """
                    {"name": "c%d", "type": "slack", "url": "https://hooks.slack.com/services/T0/B0/X%d"}""".formatted(i, i));
            created("/maintenance-windows", """
                    {"all_monitors": true, "starts_at": "2030-01-0%dT00:00:00Z", "ends_at": "2030-01-0%dT01:00:00Z"}""".formatted(i + 1, i + 1));
            created("/status-pages", """
                    {"slug": "page-%d", "title": "Page %d"}""".formatted(i, i));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/channels", "/maintenance-windows", "/status-pages"})
    void aListPagesByIdWithALinkToTheNextFullPage(String list) {
        assertThat(ids(http.get(list))).hasSize(3);

        Response first = http.get(list + "?limit=2");
        assertThat(first.status()).isEqualTo(200);
        List<Long> firstIds = ids(first);
        assertThat(firstIds).hasSize(2).isSorted();
        String next = first.header("Link").replaceAll("^<http://[^/]+([^>]+)>; rel=\"next\"$", "$1");
        assertThat(next).startsWith(list + "?").contains("limit=2").contains("after_id=" + firstIds.get(1));

        Response second = http.get(next);
        assertThat(ids(second)).hasSize(1).allSatisfy(id -> assertThat(id).isGreaterThan(firstIds.get(1)));
        assertThat(second.header("Link")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/channels", "/maintenance-windows", "/status-pages"})
    void aLimitOutsideOneToAThousandIsA400NamingLimit(String list) {
        for (String limit : List.of("0", "1001", "-1")) {
            Response response = http.get(list + "?limit=" + limit);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.isProblem()).isTrue();
            assertThat(json.readTree(response.body()).at("/errors/0/field").asString())
                    .isEqualTo("limit");
        }
        assertThat(http.get(list + "?limit=1000").status()).isEqualTo(200);
    }

    private void created(String path, String body) {
        Response response = http.send("POST", path, body, "Content-Type: application/json");
        assertThat(response.status()).as(path + " " + response).isEqualTo(201);
    }

    private List<Long> ids(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : json.readTree(response.body())) {
            ids.add(item.get("id").asLong());
        }
        return ids;
    }
}
