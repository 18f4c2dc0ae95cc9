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
 * {@code /monitors/{id}/slo} over a known history: a monitor created 2026-03-05T00:00Z, checked every 10 minutes
 * until now (2026-03-10T12:30Z). The slots 2026-03-07 10:00-11:50 failed and it was DOWN 10:10:02-12:10:02; a
 * maintenance window covered it 11:00-13:00 that day (those results are marked, and left out of the rollups as the
 * worker leaves them out). The last slot, 03-10 12:20, failed too.
 */
@ClockedApiIntegrationTest
class SloApiIntegrationTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");

    @Autowired
    private MutableClock clock;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private long id;

    @BeforeEach
    void knownHistory() {
        clock.set(NOW);
        jdbc.sql("DELETE FROM monitors").update();
        jdbc.sql("DELETE FROM status_changes").update();
        jdbc.sql("DELETE FROM maintenance_windows").update();
        id = jdbc.sql("""
                        INSERT INTO monitors (name, url, status, check_interval, created_at)
                        VALUES ('slo', 'https://example.com/', 'UP', 600, '2026-03-05T00:00:00Z') RETURNING id""").query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, status_code,
                                                   latency_ms, error, in_maintenance)
                        SELECT :id, s, s + interval '2 seconds', 1, NOT failed, CASE WHEN failed THEN 503 ELSE 200 END,
                               40, CASE WHEN failed THEN 'unexpected status 503 (expected 200)' END,
                               s >= '2026-03-07T11:00:00Z' AND s < '2026-03-07T13:00:00Z'
                        FROM (SELECT timestamptz '2026-03-05T00:00:00Z' + k * interval '10 minutes' AS s
                              FROM generate_series(0, 794) k) g,
                             LATERAL (SELECT s >= '2026-03-07T10:00:00Z' AND s < '2026-03-07T12:00:00Z'
                                             OR s = '2026-03-10T12:20:00Z' AS failed) f""").param("id", id).update();
        jdbc.sql("""
                        INSERT INTO check_rollups_hourly (monitor_id, hour, checks, failures, latency_count,
                                                          latency_sum, latency_min, latency_max, latency_histogram)
                        SELECT monitor_id, date_trunc('hour', slot, 'UTC'), count(*),
                               count(*) FILTER (WHERE NOT success), count(*), sum(latency_ms), min(latency_ms),
                               max(latency_ms), histogram_sum(latency_histogram(latency_ms))
                        FROM check_results WHERE monitor_id = :id AND NOT in_maintenance GROUP BY 1, 2""").param("id", id).update();
        change("UNKNOWN", "UP", "2026-03-05T00:10:02Z");
        change("UP", "DOWN", "2026-03-07T10:10:02Z");
        change("DOWN", "UP", "2026-03-07T12:10:02Z");
        long window = jdbc.sql("""
                        INSERT INTO maintenance_windows (reason, starts_at, ends_at)
                        VALUES ('upgrade', '2026-03-07T11:00:00Z', '2026-03-07T13:00:00Z') RETURNING id""").query(Long.class).single();
        jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (:w, :m)")
                .param("w", window)
                .param("m", id)
                .update();
        jdbc.sql("""
                        UPDATE history_horizons SET raw_results_from = '2026-03-01T00:00:00Z',
                            hourly_rollups_from = '2026-03-01T00:00:00Z', status_changes_from = '2026-03-01T00:00:00Z',
                            daily_rollups_until = '2026-03-01T00:00:00Z'""").update();
    }

    @Test
    void reportsTheMonthsBudgetSpentOutsideMaintenance() throws Exception {
        HttpResponse<String> put = send("PUT", "/monitors/" + id + "/slo", """
                {"objective": 99.5, "period": "month"}""");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        JsonNode slo = getJson("/monitors/" + id + "/slo");

        assertThat(slo.get("objective").decimalValue()).isEqualByComparingTo("99.5");
        assertThat(slo.get("period").asString()).isEqualTo("month");
        assertThat(slo.get("period_start").asString()).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(slo.get("period_end").asString()).isEqualTo("2026-04-01T00:00:00Z");
        // 795 checks, 12 of them in maintenance; 6 + 1 failures outside it.
        assertThat(slo.get("attained_percent").decimalValue()).isEqualByComparingTo("99.106");
        // From creation (03-05) to the end of March: 27 days, 2,332,800 s, 3,888 checks; 0.5 % of each.
        assertThat(slo.at("/error_budget/checks").decimalValue()).isEqualByComparingTo("19.44");
        assertThat(slo.at("/error_budget/seconds").decimalValue()).isEqualByComparingTo("11664");
        // DOWN 10:10:02-12:10:02, of which 11:00-12:10:02 in maintenance.
        assertThat(slo.at("/budget_spent/checks").decimalValue()).isEqualByComparingTo("7");
        assertThat(slo.at("/budget_spent/seconds").decimalValue()).isEqualByComparingTo("2998");
        assertThat(slo.at("/budget_left/checks").decimalValue()).isEqualByComparingTo("12.44");
        assertThat(slo.at("/budget_left/seconds").decimalValue()).isEqualByComparingTo("8666");
        assertThat(slo.get("budget_left_percent").decimalValue()).isEqualByComparingTo("63.992");
        assertThat(slo.get("budget_exhausted").asBoolean()).isFalse();
        // One failure in the last hour's 6 checks and the last six hours' 36, against 0.5 % allowed.
        assertThat(slo.at("/burn_rate/1h").decimalValue()).isEqualByComparingTo("33.333");
        assertThat(slo.at("/burn_rate/6h").decimalValue()).isEqualByComparingTo("5.556");
        assertThat(put.body()).isEqualTo(getString("/monitors/" + id + "/slo"));
    }

    @Test
    void aRollingPeriodAndAReplacedObjective() throws Exception {
        send("PUT", "/monitors/" + id + "/slo", """
                {"objective": 99.5, "period": "month"}""");
        HttpResponse<String> put = send("PUT", "/monitors/" + id + "/slo", """
                {"objective": 99.95, "period": "rolling_30d"}""");

        JsonNode slo = json.readTree(put.body());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(slo.get("objective").decimalValue()).isEqualByComparingTo("99.95");
        assertThat(slo.get("period_start").asString()).isEqualTo("2026-02-08T12:30:00Z");
        assertThat(slo.get("period_end").asString()).isEqualTo("2026-03-10T12:30:00Z");
        assertThat(getJson("/monitors/" + id + "/slo").get("period").asString()).isEqualTo("rolling_30d");
    }

    @Test
    void aMonitorWithoutAnObjectiveAnswers404NamingThePut() throws Exception {
        HttpResponse<String> response = send("GET", "/monitors/" + id + "/slo", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("detail").asString())
                .isEqualTo("Monitor " + id + " has no SLO; set one with PUT /monitors/" + id + "/slo");
    }

    @Test
    void deletingTheObjectiveAnswers204AndItIsGone() throws Exception {
        send("PUT", "/monitors/" + id + "/slo", """
                {"objective": 99.9, "period": "quarter"}""");

        assertThat(send("DELETE", "/monitors/" + id + "/slo", null).statusCode())
                .isEqualTo(204);
        assertThat(send("GET", "/monitors/" + id + "/slo", null).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownMonitorIs404ForEveryMethod() throws Exception {
        String path = "/monitors/" + (id + 1000) + "/slo";

        assertThat(send("PUT", path, "{\"objective\": 99.9, \"period\": \"month\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("GET", path, null).statusCode()).isEqualTo(404);
        HttpResponse<String> delete = send("DELETE", path, null);
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(json.readTree(delete.body()).get("detail").asString())
                .isEqualTo("No monitor with id " + (id + 1000));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"period\": \"month\"}                         | objective",
                "{\"objective\": 100, \"period\": \"month\"}      | objective",
                "{\"objective\": 0, \"period\": \"month\"}        | objective",
                "{\"objective\": -5, \"period\": \"month\"}       | objective",
                "{\"objective\": 99.9999, \"period\": \"month\"}  | objective",
                "{\"objective\": 99.9}                           | period",
                "{\"objective\": 99.9, \"period\": \"week\"}      | period",
            })
    void invalidObjectivesAre400NamingTheField(String body, String field) throws Exception {
        HttpResponse<String> response = send("PUT", "/monitors/" + id + "/slo", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).at("/errors/0/field").asString())
                .isEqualTo(field);
        assertThat(send("GET", "/monitors/" + id + "/slo", null).statusCode()).isEqualTo(404);
    }

    private void change(String from, String to, String at) {
        jdbc.sql("""
                        INSERT INTO status_changes (monitor_id, old_status, new_status, changed_at, slot, payload,
                                                    delivery)
                        VALUES (:id, :from, :to, CAST(:at AS timestamptz), CAST(:at AS timestamptz) - interval '2 s',
                                '{}'::jsonb, 'NONE')""")
                .param("id", id)
                .param("from", from)
                .param("to", to)
                .param("at", at)
                .update();
    }

    private JsonNode getJson(String path) throws Exception {
        return json.readTree(getString(path));
    }

    private String getString(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
