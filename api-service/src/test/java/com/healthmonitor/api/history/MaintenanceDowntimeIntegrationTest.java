package com.healthmonitor.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ClockedApiIntegrationTest;
import com.healthmonitor.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Time DOWN inside maintenance windows counts nowhere: {@code /monitors/{id}/stats}, the fleet's {@code /stats} and
 * the SLO report give the same downtime for the same history. Four monitors created 2026-03-01, now 2026-03-10T12:30Z;
 * daily rollups are final for the days before 03-05 (computed as the worker computes them), status changes answer
 * the rest.
 *
 * <ul>
 *   <li>a: DOWN 03-03 10:00-12:00; two overlapping one-off windows 11:00-13:00 and 11:30-12:30 (counted once).
 *   <li>b: DOWN 03-04 23:45 - 03-05 00:45, a weekly window on Wednesdays 23:30 for an hour: across midnight and the
 *       daily rollups' edge; it went DOWN inside the window, so that is no incident.
 *   <li>c: DOWN 03-09 10:30-11:30, a cron window at :45 of every hour for 30 minutes (across the hour).
 *   <li>d: DOWN 03-06 00:30-02:00, a window over all monitors 00:00-01:00; it went DOWN inside it.
 * </ul>
 */
@ClockedApiIntegrationTest
class MaintenanceDowntimeIntegrationTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");
    static final String WINDOW = "from=2026-03-01T00:00:00Z&to=2026-03-10T12:00:00Z";

    @Autowired
    private MutableClock clock;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private final Map<String, Long> ids = new LinkedHashMap<>();

    @BeforeEach
    void knownHistory() {
        clock.set(NOW);
        jdbc.sql("DELETE FROM monitors").update();
        jdbc.sql("DELETE FROM status_changes").update();
        jdbc.sql("DELETE FROM maintenance_windows").update();
        for (String name : new String[] {"a", "b", "c", "d"}) {
            ids.put(name, jdbc.sql("""
                            INSERT INTO monitors (name, url, status, check_interval, created_at)
                            VALUES (:name, 'https://example.com/', 'UP', 60, '2026-03-01T00:00:00Z') RETURNING id""").param("name", name).query(Long.class).single());
            change(name, "UNKNOWN", "UP", "2026-03-01T00:01:00Z");
        }
        outage("a", "2026-03-03T10:00:00Z", "2026-03-03T12:00:00Z");
        outage("b", "2026-03-04T23:45:00Z", "2026-03-05T00:45:00Z");
        outage("c", "2026-03-09T10:30:00Z", "2026-03-09T11:30:00Z");
        outage("d", "2026-03-06T00:30:00Z", "2026-03-06T02:00:00Z");
        window("a", "starts_at, ends_at", "'2026-03-03T11:00:00Z', '2026-03-03T13:00:00Z'");
        window("a", "starts_at, ends_at", "'2026-03-03T11:30:00Z', '2026-03-03T12:30:00Z'");
        window("b", "weekdays, time_of_day, duration_minutes", "ARRAY['WEDNESDAY'], '23:30', 60");
        window("c", "cron, duration_minutes", "'45 * * * *', 30");
        window(null, "starts_at, ends_at", "'2026-03-06T00:00:00Z', '2026-03-06T01:00:00Z'");
        jdbc.sql("""
                        UPDATE history_horizons SET raw_results_from = '2026-03-01T00:00:00Z',
                            hourly_rollups_from = '2026-03-01T00:00:00Z', status_changes_from = '2026-03-01T00:00:00Z',
                            daily_rollups_until = '2026-03-05T00:00:00Z'""").update();
        // The days before 03-05 as the worker's DailyRollupJob computes them (no checks recorded here).
        jdbc.sql("""
                        INSERT INTO check_rollups_daily (monitor_id, day, checks, failures, latency_count, latency_sum,
                                                         downtime_seconds, incidents)
                        SELECT d.monitor_id, g.day, 0, 0, 0, 0, d.downtime_seconds, d.incidents
                        FROM generate_series(timestamptz '2026-03-01T00:00:00Z', '2026-03-04T00:00:00Z',
                                             interval '1 day') AS g (day),
                             LATERAL monitor_downtime(NULL, g.day, g.day + interval '1 day') d""").update();
    }

    @Test
    void downtimeInsideMaintenanceCountsNowhere() throws Exception {
        assertThat(stats("a")).isEqualTo(new Downtime(3600, 1));
        assertThat(stats("b")).isEqualTo(new Downtime(900, 0));
        assertThat(stats("c")).isEqualTo(new Downtime(1800, 1));
        assertThat(stats("d")).isEqualTo(new Downtime(3600, 0));
        JsonNode fleet = get("/stats?" + WINDOW);
        assertThat(new Downtime(
                        fleet.get("downtime_seconds").asLong(),
                        fleet.get("incidents").asLong()))
                .isEqualTo(new Downtime(9900, 2));
    }

    @Test
    void theSloReportSpendsTheSameDowntimeAsStats() throws Exception {
        for (String name : ids.keySet()) {
            HttpResponse<String> put = send("PUT", "/monitors/" + ids.get(name) + "/slo", """
                    {"objective": 99.5, "period": "month"}""");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

            JsonNode slo = get("/monitors/" + ids.get(name) + "/slo");

            assertThat(slo.at("/budget_spent/seconds").decimalValue())
                    .as(name)
                    .isEqualByComparingTo(String.valueOf(stats(name).seconds()));
        }
    }

    @Test
    void aStatusPageCountsNoIncidentInsideMaintenance() throws Exception {
        // 90 days up to today (03-10, the last): a's 03-03 at 82, b's 03-04 at 83, d's 03-06 at 85, c's 03-09 at 88.
        assertThat(incidentsOnAStatusPage("maintenance"))
                .containsExactly("a 03-03: 1", "b 03-04: 0", "c 03-09: 1", "d 03-06: 0");

        jdbc.sql("DELETE FROM maintenance_windows").update();

        assertThat(incidentsOnAStatusPage("no-maintenance"))
                .containsExactly("a 03-03: 1", "b 03-04: 1", "c 03-09: 1", "d 03-06: 1");
    }

    /** The page's day cells of each monitor's outage day (a new page: pages are cached). */
    private List<String> incidentsOnAStatusPage(String slug) throws Exception {
        jdbc.sql("DELETE FROM status_pages").update();
        HttpResponse<String> created = send(
                "POST", "/status-pages", """
                {"slug": "%s", "title": "Shop", "monitor_ids": [%d, %d, %d, %d]}""".formatted(slug, ids.get("a"), ids.get("b"), ids.get("c"), ids.get("d")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode monitors =
                get("/status/" + slug + "/summary.json").get("groups").get(0).get("monitors");
        Map<String, Integer> outageDay = Map.of("a", 82, "b", 83, "c", 88, "d", 85);
        List<String> cells = new ArrayList<>();
        for (JsonNode monitor : monitors) {
            String name = monitor.get("name").asString();
            JsonNode day = monitor.get("days").get(outageDay.get(name));
            cells.add(name + " " + day.get("day").asString().substring(5) + ": "
                    + day.get("incidents").asLong());
        }
        return cells;
    }

    @Test
    void withoutWindowsEveryMinuteDownCounts() throws Exception {
        jdbc.sql("DELETE FROM maintenance_windows").update();

        assertThat(stats("a")).isEqualTo(new Downtime(7200, 1));
        assertThat(stats("b")).isEqualTo(new Downtime(3600, 1));
        assertThat(get("/stats?" + WINDOW).get("downtime_seconds").asLong()).isEqualTo(7200 + 3600 + 3600 + 5400);
    }

    record Downtime(long seconds, long incidents) {}

    private Downtime stats(String monitor) throws Exception {
        JsonNode stats = get("/monitors/" + ids.get(monitor) + "/stats?" + WINDOW);
        return new Downtime(
                stats.get("downtime_seconds").asLong(), stats.get("incidents").asLong());
    }

    private void outage(String monitor, String from, String to) {
        change(monitor, "UP", "DOWN", from);
        change(monitor, "DOWN", "UP", to);
    }

    /** A window over {@code monitor}, or over all monitors when null. */
    private void window(String monitor, String columns, String values) {
        long window = jdbc.sql("INSERT INTO maintenance_windows (all_monitors, %s) VALUES (%s, %s) RETURNING id"
                        .formatted(columns, monitor == null, values))
                .query(Long.class)
                .single();
        if (monitor != null) {
            jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (:w, :m)")
                    .param("w", window)
                    .param("m", ids.get(monitor))
                    .update();
        }
    }

    private void change(String monitor, String from, String to, String at) {
        jdbc.sql("""
                        INSERT INTO status_changes (monitor_id, old_status, new_status, changed_at, slot, payload,
                                                    delivery)
                        VALUES (:id, :from, :to, CAST(:at AS timestamptz), CAST(:at AS timestamptz), '{}'::jsonb,
                                'NONE')""")
                .param("id", ids.get(monitor))
                .param("from", from)
                .param("to", to)
                .param("at", at)
                .update();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
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
