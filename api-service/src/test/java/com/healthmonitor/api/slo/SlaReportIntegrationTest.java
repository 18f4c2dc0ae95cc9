package com.healthmonitor.api.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ClockedApiIntegrationTest;
import com.healthmonitor.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /reports/sla} and the tags' objectives over a known history, now 2026-12-05T12:00Z: three monitors
 * created 2026-10-01, checked hourly. checkout (tag team:shop, objective 99) failed 10 checks in November and was DOWN
 * 2026-11-10 00:00-05:00; cart (team:shop, 99.9) never failed; blog has no tag and no objective. The tag team:shop has
 * an objective of 99.5.
 */
@ClockedApiIntegrationTest
class SlaReportIntegrationTest {

    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Autowired
    private MutableClock clock;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private long checkout;
    private long cart;

    @BeforeEach
    void knownHistory() {
        clock.set(NOW);
        jdbc.sql("DELETE FROM monitors").update();
        jdbc.sql("DELETE FROM status_changes").update();
        jdbc.sql("DELETE FROM tag_slos").update();
        // Other classes of this context leave windows, some of them recurring.
        jdbc.sql("DELETE FROM maintenance_windows").update();
        checkout = monitor("checkout", "{team:shop}", "99", "month");
        cart = monitor("cart", "{team:shop}", "99.9", "quarter");
        monitor("blog", "{}", null, null);
        jdbc.sql("""
                        INSERT INTO check_rollups_hourly (monitor_id, hour, checks, failures, latency_count,
                                                          latency_sum)
                        SELECT m.id, h, 1,
                               CASE WHEN m.name = 'checkout'
                                         AND (h >= '2026-11-10T00:00:00Z' AND h < '2026-11-10T05:00:00Z'
                                              OR h >= '2026-11-20T00:00:00Z' AND h < '2026-11-20T05:00:00Z')
                                    THEN 1 ELSE 0 END,
                               0, 0
                        FROM monitors m, generate_series(timestamptz '2026-10-01T00:00:00Z',
                                                         timestamptz '2026-12-05T11:00:00Z', interval '1 hour') h""").update();
        change("UNKNOWN", "UP", "2026-10-01T00:00:30Z");
        change("UP", "DOWN", "2026-11-10T00:00:00Z");
        change("DOWN", "UP", "2026-11-10T05:00:00Z");
        jdbc.sql("""
                        UPDATE history_horizons SET raw_results_from = '2026-10-01T00:00:00Z',
                            hourly_rollups_from = '2026-10-01T00:00:00Z', status_changes_from = '2026-10-01T00:00:00Z',
                            daily_rollups_until = '2026-10-01T00:00:00Z'""").update();
        jdbc.sql("INSERT INTO tag_slos (tag, objective, period) VALUES ('team:shop', 99.5, 'month')")
                .update();
    }

    @Test
    void aClosedMonthReportsEachObjectiveAndTheTagAsOneService() throws Exception {
        JsonNode report = getJson("/reports/sla?period=2026-11");

        assertThat(report.get("period").asString()).isEqualTo("2026-11");
        assertThat(report.get("period_start").asString()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(report.get("period_end").asString()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(report.get("complete").asBoolean()).isTrue();
        assertThat(report.get("monitors")).hasSize(2);
        // 720 checks, 10 failed: 98.611 % against 99 %; the budget is 1 % of 720 checks and of 30 days.
        JsonNode first = report.at("/monitors/0");
        assertThat(first.get("monitor_id").asLong()).isEqualTo(checkout);
        assertThat(first.get("name").asString()).isEqualTo("checkout");
        assertThat(first.get("objective").decimalValue()).isEqualByComparingTo("99");
        assertThat(first.get("attained_percent").decimalValue()).isEqualByComparingTo("98.611");
        assertThat(first.get("met").asBoolean()).isFalse();
        assertThat(first.get("downtime_seconds").decimalValue()).isEqualByComparingTo("18000");
        assertThat(first.at("/error_budget/checks").decimalValue()).isEqualByComparingTo("7.2");
        assertThat(first.at("/error_budget/seconds").decimalValue()).isEqualByComparingTo("25920");
        assertThat(first.at("/budget_spent/checks").decimalValue()).isEqualByComparingTo("10");
        assertThat(first.get("budget_spent_percent").decimalValue()).isEqualByComparingTo("138.889");
        JsonNode second = report.at("/monitors/1");
        assertThat(second.get("monitor_id").asLong()).isEqualTo(cart);
        assertThat(second.get("attained_percent").decimalValue()).isEqualByComparingTo("100");
        assertThat(second.get("met").asBoolean()).isTrue();
        assertThat(second.get("budget_spent_percent").decimalValue()).isEqualByComparingTo("0");
        // Both tagged monitors as one service: 1,440 checks, 10 failed, against 99.5 %.
        assertThat(report.get("services")).hasSize(1);
        JsonNode shop = report.at("/services/0");
        assertThat(shop.get("tag").asString()).isEqualTo("team:shop");
        assertThat(shop.get("attained_percent").decimalValue()).isEqualByComparingTo("99.306");
        assertThat(shop.get("met").asBoolean()).isFalse();
        assertThat(shop.get("downtime_seconds").decimalValue()).isEqualByComparingTo("18000");
        assertThat(shop.at("/error_budget/checks").decimalValue()).isEqualByComparingTo("7.2");
        assertThat(shop.at("/error_budget/seconds").decimalValue()).isEqualByComparingTo("25920");
    }

    @Test
    void aRunningQuarterCountsUpToNow() throws Exception {
        JsonNode report = getJson("/reports/sla?period=2026-Q4");

        assertThat(report.get("period_start").asString()).isEqualTo("2026-10-01T00:00:00Z");
        assertThat(report.get("period_end").asString()).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(report.get("complete").asBoolean()).isFalse();
        // 1,572 checks up to now, 10 failed: 99.364 % meets 99 %; the budget is of the whole quarter's 2,208 checks.
        assertThat(report.at("/monitors/0/attained_percent").decimalValue()).isEqualByComparingTo("99.364");
        assertThat(report.at("/monitors/0/met").asBoolean()).isTrue();
        assertThat(report.at("/monitors/0/error_budget/checks").decimalValue()).isEqualByComparingTo("22.08");
    }

    @Test
    void csvByAcceptOrFormatHasOneLinePerObjective() throws Exception {
        HttpResponse<String> byAccept = send("GET", "/reports/sla?period=2026-11", null, "text/csv");
        HttpResponse<String> byFormat = send("GET", "/reports/sla?period=2026-11&format=csv", null, null);

        assertThat(byAccept.statusCode()).as(byAccept.body()).isEqualTo(200);
        assertThat(byAccept.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(byAccept.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"sla-2026-11.csv\"");
        assertThat(byAccept.body().split("\r\n"))
                .containsExactly(
                        SlaCsv.HEADER,
                        "2026-11,monitor," + checkout + ",,checkout,99.000,98.611,false,18000.000,7.200,25920.000,"
                                + "10.000,18000.000,138.889",
                        "2026-11,monitor," + cart + ",,cart,99.900,100.000,true,0.000,0.720,2592.000,0.000,0.000,"
                                + "0.000",
                        "2026-11,tag,,team:shop,team:shop,99.500,99.306,false,18000.000,7.200,25920.000,10.000,"
                                + "18000.000,138.889");
        assertThat(byFormat.body()).isEqualTo(byAccept.body());
    }

    @Test
    void aTagNarrowsTheMonitorsAndTheTagsObjectives() throws Exception {
        jdbc.sql("UPDATE monitors SET tags = '{team:blog}' WHERE id = :id")
                .param("id", cart)
                .update();

        JsonNode shop = getJson("/reports/sla?period=2026-11&tag=team:shop");
        JsonNode team = getJson("/reports/sla?period=2026-11&tag=team");

        assertThat(shop.get("monitors")).hasSize(1);
        assertThat(shop.at("/monitors/0/monitor_id").asLong()).isEqualTo(checkout);
        assertThat(shop.get("services")).hasSize(1);
        assertThat(team.get("monitors")).hasSize(2);
        assertThat(team.get("services")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "period=2026-13, period",
        "period=2026-Q5, period",
        "period=november, period",
        "tag=x, period",
        "period=2027-01, period",
        "period=2026-11&format=xml, format",
        "period=2026-11&tag=Bad!, tag",
    })
    void badParametersAre400NamingThem(String query, String field) throws Exception {
        HttpResponse<String> response = send("GET", "/reports/sla?" + query, null, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).at("/errors/0/field").asString())
                .isEqualTo(field);
    }

    @Test
    void aTagsObjectiveIsAResourceReportingItsMonitorsAsOneService() throws Exception {
        HttpResponse<String> put = send("PUT", "/slos/tags/team:shop", """
                {"objective": 99.95, "period": "month"}""", null);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        JsonNode slo = getJson("/slos/tags/team:shop");

        assertThat(slo.get("objective").decimalValue()).isEqualByComparingTo("99.95");
        assertThat(slo.get("period_start").asString()).isEqualTo("2026-12-01T00:00:00Z");
        // December so far: 2 × 108 checks, none failed; the budget is 0.05 % of 2 × 744 checks.
        assertThat(slo.get("attained_percent").decimalValue()).isEqualByComparingTo("100");
        assertThat(slo.at("/error_budget/checks").decimalValue()).isEqualByComparingTo("0.744");
        assertThat(send("DELETE", "/slos/tags/team:shop", null, null).statusCode())
                .isEqualTo(204);
        HttpResponse<String> gone = send("GET", "/slos/tags/team:shop", null, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json.readTree(gone.body()).get("detail").asString())
                .isEqualTo("Tag team:shop has no SLO; set one with PUT /slos/tags/team:shop");
        assertThat(send("PUT", "/slos/tags/Bad!", "{\"objective\": 99, \"period\": \"month\"}", null)
                        .statusCode())
                .isEqualTo(400);
    }

    private long monitor(String name, String tags, String objective, String period) {
        long id = jdbc.sql("""
                        INSERT INTO monitors (name, url, status, check_interval, created_at, tags)
                        VALUES (:name, 'https://example.com/', 'UP', 3600, '2026-10-01T00:00:00Z',
                                CAST(:tags AS text[])) RETURNING id""")
                .param("name", name)
                .param("tags", tags)
                .query(Long.class)
                .single();
        if (objective != null) {
            jdbc.sql("""
                            INSERT INTO monitor_slos (monitor_id, objective, period)
                            VALUES (:id, CAST(:objective AS numeric), :period)""")
                    .param("id", id)
                    .param("objective", objective)
                    .param("period", period)
                    .update();
        }
        return id;
    }

    private void change(String from, String to, String at) {
        jdbc.sql("""
                        INSERT INTO status_changes (monitor_id, old_status, new_status, changed_at, slot, payload,
                                                    delivery)
                        VALUES (:id, :from, :to, CAST(:at AS timestamptz), CAST(:at AS timestamptz), '{}'::jsonb,
                                'NONE')""")
                .param("id", checkout)
                .param("from", from)
                .param("to", to)
                .param("at", at)
                .update();
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
