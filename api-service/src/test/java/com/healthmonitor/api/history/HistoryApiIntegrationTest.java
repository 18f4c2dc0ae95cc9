package com.healthmonitor.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.healthmonitor.api.monitor.MonitorFixtures;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.testing.MutableClock;
import com.healthmonitor.testing.TestDatabaseInitializer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The history API over a known sequence: monitor "sequence" checked every 10 minutes from 2026-03-05T00:00Z until
 * now (2026-03-10T12:30Z), checked_at 2 s after each slot; HTTP 503 (30 ms) for the slots 2026-03-07 10:00-11:50,
 * timeouts (no response) for 2026-03-08 22:50 - 2026-03-09 00:40, otherwise 200 with latency 50 + (37 k mod 400) ms
 * for the k-th slot. With thresholds of 2 it went DOWN at 03-07 10:10:02 and 03-08 23:00:02, UP again at
 * 03-07 12:10:02 and 03-09 01:00:02. Hourly rollups are built from the raw rows as the worker builds them, daily
 * rollups for the days before 03-10 as its daily job does.
 */
// Own context, not @ApiIntegrationTest: needs a fixed clock, which the shared context must not have.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "health-monitor.api.allow-anonymous=true")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import({HistoryApiIntegrationTest.ClockAtNow.class, MonitorFixtures.class})
class HistoryApiIntegrationTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");
    private static final Instant START = Instant.parse("2026-03-05T00:00:00Z");
    private static final int SLOTS = 795;

    @TestConfiguration
    static class ClockAtNow {
        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MonitorFixtures fixtures;

    private long id;

    @BeforeEach
    void knownSequence() {
        jdbc.sql("DELETE FROM monitors").update();
        jdbc.sql("DELETE FROM status_changes").update();
        id = fixtures.create("sequence", "https://example.com/");
        fixtures.workerState(id, MonitorStatus.UP, Instant.parse("2026-03-09T01:00:02Z"), null);
        jdbc.sql("""
                        INSERT INTO check_results
                            (monitor_id, slot, checked_at, config_version, success, status_code, latency_ms, error)
                        SELECT :id, s, s + interval '2 seconds', 1, NOT (o1 OR o2),
                               CASE WHEN o2 THEN NULL WHEN o1 THEN 503 ELSE 200 END,
                               CASE WHEN o2 THEN 5000 WHEN o1 THEN 30 ELSE 50 + (k * 37) % 400 END,
                               CASE WHEN o1 THEN 'unexpected status 503 (expected 200)' WHEN o2 THEN 'timed out' END
                        FROM (SELECT k, timestamptz '2026-03-05T00:00:00Z' + k * interval '10 minutes' AS s
                              FROM generate_series(0, :last) k) g,
                             LATERAL (SELECT s >= '2026-03-07T10:00:00Z' AND s < '2026-03-07T12:00:00Z' AS o1,
                                             s >= '2026-03-08T22:50:00Z' AND s < '2026-03-09T00:50:00Z' AS o2) o""").param("id", id).param("last", SLOTS - 1).update();
        change("UNKNOWN", "UP", "2026-03-05T00:10:02Z", "NONE");
        change("UP", "DOWN", "2026-03-07T10:10:02Z", "SENT");
        change("DOWN", "UP", "2026-03-07T12:10:02Z", "SENT");
        change("UP", "DOWN", "2026-03-08T23:00:02Z", "FAILED");
        change("DOWN", "UP", "2026-03-09T01:00:02Z", "PENDING");
        jdbc.sql("""
                        INSERT INTO check_rollups_hourly (monitor_id, hour, checks, failures, latency_count,
                                                          latency_sum, latency_min, latency_max, latency_histogram)
                        SELECT monitor_id, date_trunc('hour', slot, 'UTC'), count(*),
                               count(*) FILTER (WHERE NOT success), count(*) FILTER (WHERE responded),
                               coalesce(sum(latency_ms) FILTER (WHERE responded), 0),
                               min(latency_ms) FILTER (WHERE responded),
                               max(latency_ms) FILTER (WHERE responded),
                               histogram_sum(latency_histogram(latency_ms)) FILTER (WHERE responded)
                        FROM check_results WHERE monitor_id = :id GROUP BY 1, 2""").param("id", id).update();
        jdbc.sql("""
                        INSERT INTO check_rollups_daily (monitor_id, day, checks, failures, latency_count, latency_sum,
                                                         latency_min, latency_max, latency_histogram,
                                                         downtime_seconds, incidents)
                        SELECT h.monitor_id, h.day, h.checks, h.failures, h.latency_count, h.latency_sum,
                               h.latency_min, h.latency_max, h.histogram, d.downtime_seconds, d.incidents
                        FROM (SELECT monitor_id, date_trunc('day', hour, 'UTC') AS day, sum(checks) AS checks,
                                     sum(failures) AS failures, sum(latency_count) AS latency_count,
                                     sum(latency_sum) AS latency_sum, min(latency_min) AS latency_min,
                                     max(latency_max) AS latency_max, histogram_sum(latency_histogram) AS histogram
                              FROM check_rollups_hourly WHERE monitor_id = :id AND hour < '2026-03-10T00:00:00Z'
                              GROUP BY 1, 2) h,
                             LATERAL monitor_downtime(ARRAY[h.monitor_id], h.day, h.day + interval '1 day') d""").param("id", id).update();
        horizons("2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z");
    }

    @Test
    void statsOfAWindowCuttingThroughHoursAndDaysAreExact() throws Exception {
        JsonNode stats = getJson("/monitors/" + id + "/stats?from=2026-03-07T10:25:00Z&to=2026-03-09T00:35:00Z");

        assertThat(stats.get("from").asString()).isEqualTo("2026-03-07T10:25:00Z");
        assertThat(stats.get("to").asString()).isEqualTo("2026-03-09T00:35:00Z");
        // Slots 03-07 10:30 ... 03-09 00:30: 229 checks, of which 9 + 11 failed.
        assertThat(stats.get("checks").asLong()).isEqualTo(229);
        assertThat(stats.get("failures").asLong()).isEqualTo(20);
        assertThat(stats.get("uptime_percent").decimalValue()).isEqualByComparingTo("91.266");
        // DOWN 10:25:00 - 12:10:02 on 03-07 (6302 s) and 03-08 23:00:02 - 03-09 00:35:00 (5698 s).
        assertThat(stats.get("downtime_seconds").asLong()).isEqualTo(12000);
        assertThat(stats.get("incidents").asLong()).isEqualTo(1);
    }

    @Test
    void statsOfTheLast24HoursAndTheirLatencyShape() throws Exception {
        JsonNode stats = getJson("/monitors/" + id + "/stats?window=24h");

        assertThat(stats.get("from").asString()).isEqualTo("2026-03-09T12:30:00Z");
        assertThat(stats.get("to").asString()).isEqualTo("2026-03-10T12:30:00Z");
        assertThat(stats.get("checks").asLong()).isEqualTo(144);
        assertThat(stats.get("failures").asLong()).isZero();
        assertThat(stats.get("uptime_percent").decimalValue()).isEqualByComparingTo("100.000");
        assertThat(stats.get("downtime_seconds").asLong()).isZero();
        assertThat(stats.get("incidents").asLong()).isZero();
        List<Integer> latencies = latencies(Instant.parse("2026-03-09T12:30:00Z"), NOW);
        JsonNode latency = stats.get("latency_ms");
        assertThat(latency.get("min").asInt())
                .isEqualTo(latencies.stream().mapToInt(i -> i).min().orElseThrow());
        assertThat(latency.get("max").asInt())
                .isEqualTo(latencies.stream().mapToInt(i -> i).max().orElseThrow());
        assertThat(latency.get("avg").asDouble())
                .isCloseTo(latencies.stream().mapToInt(i -> i).average().orElseThrow(), within(0.05));
    }

    @ParameterizedTest
    @CsvSource({"7d", "24h", "1h"})
    void percentilesAreWithinTheStatedErrorOfTheExactOnes(String window) throws Exception {
        Duration length = window.endsWith("d")
                ? Duration.ofDays(Long.parseLong(window.replace("d", "")))
                : Duration.ofHours(Long.parseLong(window.replace("h", "")));
        List<Integer> latencies = latencies(NOW.minus(length), NOW);
        latencies.sort(null);

        JsonNode latency =
                getJson("/monitors/" + id + "/stats?window=" + window).get("latency_ms");

        for (String p : List.of("50", "95", "99")) {
            int rank = (int) Math.ceil(Integer.parseInt(p) / 100.0 * latencies.size());
            double exact = latencies.get(rank - 1);
            assertThat(latency.get("p" + p).asDouble())
                    .as("p%s of %s", p, window)
                    .isCloseTo(exact, within(exact * 0.043));
        }
    }

    @Test
    void anEdgeOlderThanTheRawResultsWidensToTheHourAndOneOlderThanTheHourlyRollupsToTheDay() throws Exception {
        horizons("2026-03-08T00:00:00Z", "2026-03-01T00:00:00Z");
        jdbc.sql("DELETE FROM check_results WHERE slot < '2026-03-08T00:00:00Z'")
                .update();

        JsonNode hour = getJson("/monitors/" + id + "/stats?from=2026-03-07T10:25:00Z&to=2026-03-09T00:35:00Z");

        assertThat(hour.get("from").asString()).isEqualTo("2026-03-07T10:00:00Z");
        assertThat(hour.get("checks").asLong()).isEqualTo(232);
        assertThat(hour.get("failures").asLong()).isEqualTo(23);

        horizons("2026-03-08T00:00:00Z", "2026-03-08T00:00:00Z");
        jdbc.sql("DELETE FROM check_rollups_hourly WHERE hour < '2026-03-08T00:00:00Z'")
                .update();

        JsonNode day = getJson("/monitors/" + id + "/stats?from=2026-03-07T10:25:00Z&to=2026-03-09T00:35:00Z");

        assertThat(day.get("from").asString()).isEqualTo("2026-03-07T00:00:00Z");
        assertThat(day.get("checks").asLong()).isEqualTo(144 + 144 + 4);
        assertThat(day.get("failures").asLong()).isEqualTo(12 + 11);
        // All of 03-07's downtime (from its daily rollup) and 03-08 23:00:02 - 03-09 00:35:00.
        assertThat(day.get("downtime_seconds").asLong()).isEqualTo(7200 + 5698);
        assertThat(day.get("incidents").asLong()).isEqualTo(2);
    }

    @Test
    void aTcpMonitorsConnectTimesAreItsLatencyAndItsTimeoutsAreLeftOut() throws Exception {
        long tcp = fixtures.create("type", "tcp", "name", "orders db", "host", "db.example.com", "port", 5432);
        // No status codes: a TCP check that connected responded, one that timed out did not.
        jdbc.sql("""
                        INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, latency_ms,
                                                   error, responded)
                        SELECT :id, s, s, 1, k % 10 <> 0, CASE WHEN k % 10 = 0 THEN 5000 ELSE 10 + k END,
                               CASE WHEN k % 10 = 0 THEN 'timeout after 5s' END, k % 10 <> 0
                        FROM (SELECT k, timestamptz '2026-03-10T11:00:00Z' + k * interval '30 seconds' AS s
                              FROM generate_series(0, 59) AS k) AS slots""").param("id", tcp).update();

        JsonNode stats = getJson("/monitors/" + tcp + "/stats?from=2026-03-10T11:00:00Z&to=2026-03-10T11:30:00Z");

        assertThat(stats.get("checks").asLong()).isEqualTo(60);
        assertThat(stats.get("failures").asLong()).isEqualTo(6);
        JsonNode latency = stats.get("latency_ms");
        assertThat(latency.get("min").asInt()).isEqualTo(11);
        assertThat(latency.get("max").asInt()).isEqualTo(69);
        assertThat(latency.get("p50").asDouble()).isBetween(37.0, 41.0);
        assertThat(latency.get("p95").asDouble()).isBetween(64.0, 70.0);
    }

    @Test
    void aDnsMonitorsQueryTimesAreItsLatencyWithErrorAnswersInAndTimeoutsLeftOut() throws Exception {
        long dns =
                fixtures.create("type", "dns", "name", "shop dns", "hostname", "shop.example.com", "record_type", "A");
        // Query time 5 + k ms; every 10th query timed out (no answer), 4 got NXDOMAIN (an answer, and a failure).
        jdbc.sql("""
                        INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, latency_ms,
                                                   error, responded)
                        SELECT :id, s, s, 1, k % 10 <> 0 AND k % 15 <> 7,
                               CASE WHEN k % 10 = 0 THEN 2000 ELSE 5 + k END,
                               CASE WHEN k % 10 = 0 THEN 'timeout after 2s' WHEN k % 15 = 7 THEN 'NXDOMAIN' END,
                               k % 10 <> 0
                        FROM (SELECT k, timestamptz '2026-03-10T11:00:00Z' + k * interval '30 seconds' AS s
                              FROM generate_series(0, 59) AS k) AS slots""").param("id", dns).update();

        JsonNode stats = getJson("/monitors/" + dns + "/stats?from=2026-03-10T11:00:00Z&to=2026-03-10T11:30:00Z");

        assertThat(stats.get("checks").asLong()).isEqualTo(60);
        assertThat(stats.get("failures").asLong()).isEqualTo(6 + 4);
        JsonNode latency = stats.get("latency_ms");
        assertThat(latency.get("min").asInt()).isEqualTo(6);
        assertThat(latency.get("max").asInt()).isEqualTo(64);
        // 54 answered queries: the 27th is 34 ms, the 52nd 62 ms; the histogram is within 4.3 %.
        assertThat(latency.get("p50").asDouble()).isCloseTo(34.0, within(34 * 0.043));
        assertThat(latency.get("p95").asDouble()).isCloseTo(62.0, within(62 * 0.043));
        // The first 10 minutes from the raw results, exactly: 18 answered, 6-14 and 16-24 ms.
        JsonNode first = getJson(
                        "/monitors/" + dns + "/series?from=2026-03-10T11:00:00Z&to=2026-03-10T11:30:00Z&step=10m")
                .get(0);
        assertThat(first.get("checks").asLong()).isEqualTo(20);
        assertThat(first.at("/latency_ms/avg").asDouble()).isEqualTo(15);
        assertThat(first.at("/latency_ms/p95").asDouble()).isEqualTo(24);
    }

    @Test
    void aHeartbeatsUptimeCountsPeriodsWithAndWithoutAPingAndItHasNoLatency() throws Exception {
        // Through POST /monitors, which issues the ping token (its ping URL needs the request).
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/monitors"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"type": "heartbeat", "name": "nightly backup", "period": 300, "grace": 60}"""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long heartbeat = json.readTree(created.body()).get("id").asLong();
        // As the worker records them: a ping every 5 min until 11:10, then silence, a miss per period from its
        // deadline (ping + period + grace) on. Neither has a latency.
        jdbc.sql("""
                        INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, latency_ms,
                                                   error, responded)
                        SELECT :id, s, s, 1, ok, 0, CASE WHEN NOT ok THEN 'no ping for ' || m || ' min' END, false
                        FROM (VALUES (timestamptz '2026-03-10T11:00:00Z', true, 0),
                                     (timestamptz '2026-03-10T11:05:00Z', true, 0),
                                     (timestamptz '2026-03-10T11:10:00Z', true, 0),
                                     (timestamptz '2026-03-10T11:16:00Z', false, 6),
                                     (timestamptz '2026-03-10T11:21:00Z', false, 11),
                                     (timestamptz '2026-03-10T11:26:00Z', false, 16)) AS r(s, ok, m)""").param("id", heartbeat).update();

        JsonNode stats = getJson("/monitors/" + heartbeat + "/stats?from=2026-03-10T11:00:00Z&to=2026-03-10T11:30:00Z");

        assertThat(stats.get("checks").asLong()).isEqualTo(6);
        assertThat(stats.get("failures").asLong()).isEqualTo(3);
        assertThat(stats.get("uptime_percent").decimalValue()).isEqualByComparingTo("50");
        assertThat(stats.at("/latency_ms/p50").isNull()).isTrue();
        // Per 10 minutes: the pinged periods are up, the silent ones down.
        JsonNode series = getJson(
                "/monitors/" + heartbeat + "/series?from=2026-03-10T11:00:00Z&to=2026-03-10T11:30:00Z&step=10m");
        assertThat(series)
                .extracting(bucket -> bucket.get("uptime_percent").decimalValue())
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("100"), new BigDecimal("50"), BigDecimal.ZERO);
    }

    @Test
    void checksAreListedNewestFirstAndPageBackwardsThroughTheLinkHeader() throws Exception {
        HttpResponse<String> first = get("/monitors/" + id + "/checks?limit=3");

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode page = json.readTree(first.body());
        assertThat(page).hasSize(3);
        assertThat(page.get(0).get("checked_at").asString()).isEqualTo("2026-03-10T12:20:02Z");
        assertThat(page.get(0).get("success").asBoolean()).isTrue();
        assertThat(page.get(0).get("status_code").asInt()).isEqualTo(200);
        assertThat(page.get(0).has("latency_ms")).isTrue();
        assertThat(page.get(0).has("error")).isTrue();
        String link = first.headers().firstValue("Link").orElseThrow();
        assertThat(link).contains("before=2026-03-10T12:00:02Z").endsWith(">; rel=\"next\"");

        JsonNode next = getJson(
                link.substring(link.indexOf('<') + 1, link.indexOf('>')).replace("http://localhost:" + port, ""));
        assertThat(next.get(0).get("checked_at").asString()).isEqualTo("2026-03-10T11:50:02Z");

        JsonNode failed = getJson("/monitors/" + id + "/checks?limit=1&before="
                + URLEncoder.encode("2026-03-09T00:00:03Z", StandardCharsets.UTF_8));
        assertThat(failed.get(0).get("success").asBoolean()).isFalse();
        assertThat(failed.get(0).get("status_code").isNull()).isTrue();
        assertThat(failed.get(0).get("error").asString()).isEqualTo("timed out");
    }

    @Test
    void statusChangesShowWhetherTheAlertWentOut() throws Exception {
        HttpResponse<String> response = get("/monitors/" + id + "/status-changes?limit=2");

        assertThat(response.headers().firstValue("Link")).isPresent();
        JsonNode changes = json.readTree(response.body());
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).get("changed_at").asString()).isEqualTo("2026-03-09T01:00:02Z");
        assertThat(changes.get(0).get("old_status").asString()).isEqualTo("DOWN");
        assertThat(changes.get(0).get("new_status").asString()).isEqualTo("UP");
        assertThat(changes.get(0).get("alert").get("delivery").asString()).isEqualTo("PENDING");
        assertThat(changes.get(1).get("new_status").asString()).isEqualTo("DOWN");
        assertThat(changes.get(1).get("reason").asString()).isEqualTo("timed out");
        JsonNode alert = changes.get(1).get("alert");
        assertThat(alert.get("delivery").asString()).isEqualTo("FAILED");
        assertThat(alert.get("attempts").asInt()).isEqualTo(3);
        assertThat(alert.get("last_error").asString()).isEqualTo("HTTP 404: no_service");
        assertThat(alert.get("sent_at").isNull()).isTrue();
        assertThat(changes.get(1).get("id").isIntegralNumber()).isTrue();
    }

    @Test
    void seriesHasOneBucketPerStepWithExactRawPercentilesForShortSteps() throws Exception {
        JsonNode hourly = getJson("/monitors/" + id + "/series?window=24h&step=1h");
        assertThat(hourly).hasSize(25);
        assertThat(hourly.get(0).get("from").asString()).isEqualTo("2026-03-09T12:00:00Z");
        assertThat(hourly.get(1).get("checks").asLong()).isEqualTo(6);
        assertThat(hourly.get(1).get("uptime_percent").decimalValue()).isEqualByComparingTo("100.000");
        assertThat(hourly.get(1).get("latency_ms").has("p95")).isTrue();

        JsonNode minutes = getJson("/monitors/" + id + "/series?window=1h&step=10m");
        assertThat(minutes).hasSize(6);
        assertThat(minutes.get(0).get("from").asString()).isEqualTo("2026-03-10T11:30:00Z");
        int k = (int) Duration.between(START, Instant.parse("2026-03-10T11:30:00Z"))
                        .toMinutes()
                / 10;
        assertThat(minutes.get(0).get("latency_ms").get("p95").asDouble()).isEqualTo(50 + (k * 37) % 400);

        JsonNode outage =
                getJson("/monitors/" + id + "/series?from=2026-03-08T00:00:00Z&to=2026-03-10T00:00:00Z&step=1d");
        assertThat(outage).hasSize(2);
        assertThat(outage.get(0).get("failures").asLong()).isEqualTo(7);
        assertThat(outage.get(1).get("failures").asLong()).isEqualTo(5);
        assertThat(outage.get(1).get("checks").asLong()).isEqualTo(144);
    }

    @Test
    void fleetStatsCountMonitorsByStatusAndSumTheirHistory() throws Exception {
        fixtures.workerState(fixtures.create("quiet", "https://example.org/"), MonitorStatus.DOWN, null, null);
        fixtures.create("name", "paused", "url", "https://example.net/", "enabled", false);

        JsonNode fleet = getJson("/stats?window=24h");

        assertThat(fleet.get("monitors").asLong()).isEqualTo(2);
        assertThat(fleet.get("by_status").get("UP").asLong()).isEqualTo(1);
        assertThat(fleet.get("by_status").get("DOWN").asLong()).isEqualTo(1);
        assertThat(fleet.get("by_status").get("UNKNOWN").asLong()).isZero();
        // 12:00 yesterday to now (12:30): 24 whole hours of 6 checks, and this hour's 3 so far.
        assertThat(fleet.get("checks").asLong()).isEqualTo(147);
        // "quiet" has no status change: it counts as DOWN for the whole window, 24.5 h.
        assertThat(fleet.get("downtime_seconds").asLong()).isEqualTo(88200);
        assertThat(fleet.get("latency_ms").get("p99").isNumber()).isTrue();
    }

    @Test
    void fleetStatsCountWholeHoursFromTheFleetRollupsAndTheHourInProgress() throws Exception {
        JsonNode fleet = getJson("/stats?from=2026-03-09T12:25:00Z&to=2026-03-10T11:35:00Z");

        // The edges widen to the hour, as the fleet rollups have no raw part to cut one.
        assertThat(fleet.get("from").asString()).isEqualTo("2026-03-09T12:00:00Z");
        assertThat(fleet.get("to").asString()).isEqualTo("2026-03-10T12:00:00Z");
        assertThat(fleet.get("checks").asLong()).isEqualTo(144);
        // The hour in progress counts with its checks so far (12:00, 12:10, 12:20), and the window ends now.
        JsonNode month = getJson("/stats?window=30d");
        assertThat(month.get("to").asString()).isEqualTo("2026-03-10T12:30:00Z");
        JsonNode stats = getJson("/monitors/" + id + "/stats?from=2026-02-08T12:00:00Z&to=2026-03-10T12:30:00Z");
        for (String field : List.of("checks", "failures", "uptime_percent", "downtime_seconds", "incidents")) {
            assertThat(month.get(field)).as(field).isEqualTo(stats.get(field));
        }
        assertThat(month.get("latency_ms")).isEqualTo(stats.get("latency_ms"));
    }

    @Test
    void fleetStatsLeaveOutAPausedMonitorUntilItIsResumedAndADeletedOneForGood() throws Exception {
        JsonNode alone = getJson("/stats?window=24h");
        long other = fixtures.create("other", "https://example.org/");
        fixtures.workerState(other, MonitorStatus.DOWN, null, null);
        jdbc.sql("""
                        INSERT INTO check_rollups_hourly (monitor_id, hour, checks, failures, latency_count,
                                                          latency_sum, latency_min, latency_max, latency_histogram)
                        VALUES (:id, '2026-03-10T08:00:00Z', 10, 4, 6, 6, 1, 1, latency_histogram(1)),
                               (:id, '2026-03-10T09:00:00Z', 10, 0, 10, 9000, 900, 900, NULL)""").param("id", other).update();

        JsonNode both = getJson("/stats?window=24h");
        assertThat(both.get("checks").asLong()).isEqualTo(alone.get("checks").asLong() + 20);
        assertThat(both.get("failures").asLong()).isEqualTo(4);
        assertThat(both.get("latency_ms").get("min").asInt()).isEqualTo(1);
        assertThat(both.get("latency_ms").get("max").asInt()).isEqualTo(900);
        assertThat(both.get("downtime_seconds").asLong()).isEqualTo(88200);

        JsonNode paused = fleetAfter("UPDATE monitors SET enabled = false WHERE id = " + other);
        assertThat(paused.get("monitors").asLong()).isEqualTo(1);
        assertThat(paused).isEqualTo(alone);

        assertThat(fleetAfter("UPDATE monitors SET enabled = true WHERE id = " + other))
                .isEqualTo(both);

        assertThat(send("DELETE", "/monitors/" + other).statusCode()).isEqualTo(204);
        assertThat(getJson("/stats?window=24h")).isEqualTo(alone);
        assertThat(jdbc.sql("SELECT coalesce(sum(checks), 0) FROM fleet_rollups_hourly WHERE NOT enabled")
                        .query(Long.class)
                        .single())
                .as("nothing is left under the paused flag")
                .isZero();
    }

    @Test
    void fleetStatsOfATagSumTheTaggedMonitorsAsTheFleetRollupsSumAll() throws Exception {
        jdbc.sql("UPDATE monitors SET tags = '{team:a}' WHERE id = :id")
                .param("id", id)
                .update();
        JsonNode aloneMonth = getJson("/stats?window=30d");
        JsonNode aloneDay = getJson("/stats?window=24h");
        long other = jdbc.sql("""
                        INSERT INTO monitors (name, url, status, tags) VALUES ('other', 'https://example.org/', 'DOWN',
                            '{team:b, critical}')
                        RETURNING id""").query(Long.class).single();
        jdbc.sql("""
                        INSERT INTO check_rollups_hourly (monitor_id, hour, checks, failures, latency_count,
                                                          latency_sum, latency_min, latency_max, latency_histogram)
                        VALUES (:id, '2026-03-10T08:00:00Z', 10, 4, 6, 6, 1, 1, latency_histogram(1)),
                               (:id, '2026-03-10T09:00:00Z', 10, 0, 10, 9000, 900, 900, NULL)""").param("id", other).update();

        // The tagged monitors' own rollups give what the fleet rollups gave while they were the whole fleet.
        assertThat(getJson("/stats?window=30d&tag=team:a")).isEqualTo(aloneMonth);
        assertThat(getJson("/stats?window=24h&tag=team")).isEqualTo(getJson("/stats?window=24h"));
        JsonNode b = getJson("/stats?window=24h&tag=team:b&tag=critical");
        assertThat(b.get("monitors").asLong()).isEqualTo(1);
        assertThat(b.get("by_status").get("DOWN").asLong()).isEqualTo(1);
        assertThat(b.get("checks").asLong()).isEqualTo(20);
        assertThat(b.get("failures").asLong()).isEqualTo(4);
        assertThat(b.get("downtime_seconds").asLong()).isEqualTo(88200);
        assertThat(getJson("/stats?window=24h&tag=team:a").get("checks")).isEqualTo(aloneDay.get("checks"));
        assertThat(getJson("/stats?window=24h&tag=nobody").get("checks").asLong())
                .isZero();

        HttpResponse<String> bad = send("GET", "/stats?window=24h&tag=Team");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("errors").get(0).get("field").asString())
                .isEqualTo("tag");
    }

    private JsonNode fleetAfter(String sql) throws Exception {
        jdbc.sql(sql).update();
        return getJson("/stats?window=24h");
    }

    @Test
    void aLateResultInAClosedHourCountsInTheFleetAtOnce() throws Exception {
        JsonNode before = getJson("/stats?window=24h");

        // As the worker records a result whose slot lies in an hour already closed.
        jdbc.sql("""
                        UPDATE check_rollups_hourly SET checks = checks + 1, failures = failures + 1
                        WHERE monitor_id = :id AND hour = '2026-03-10T03:00:00Z'""").param("id", id).update();

        JsonNode after = getJson("/stats?window=24h");
        assertThat(after.get("checks").asLong()).isEqualTo(before.get("checks").asLong() + 1);
        assertThat(after.get("failures").asLong())
                .isEqualTo(before.get("failures").asLong() + 1);
    }

    @Test
    void theMonitorListBadgesStatusPagesAndStatsAgreeOnUptime() throws Exception {
        // Results every 5 minutes from 03-09 20:00 to 03-10 00:55, with their hourly rollups as the worker writes them
        // and the daily rollup of 03-09 as its daily job does.
        long agreed = fixtures.create("agreed", "https://example.org/");
        jdbc.sql("""
                        INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, status_code,
                                                   latency_ms, error)
                        SELECT :id, s, s, 1, k % 7 <> 0, CASE WHEN k % 7 <> 0 THEN 200 ELSE 500 END, 100,
                               CASE WHEN k % 7 = 0 THEN 'unexpected status 500 (expected 200)' END
                        FROM generate_series(0, 59) k,
                             LATERAL (SELECT timestamptz '2026-03-09T20:00:00Z' + k * interval '5 minutes' AS s) t""").param("id", agreed).update();
        jdbc.sql("""
                        INSERT INTO check_rollups_hourly (monitor_id, hour, checks, failures, latency_count,
                                                          latency_sum, latency_min, latency_max, latency_histogram)
                        SELECT monitor_id, date_trunc('hour', slot, 'UTC'), count(*),
                               count(*) FILTER (WHERE NOT success), count(*), sum(latency_ms), min(latency_ms),
                               max(latency_ms), histogram_sum(latency_histogram(latency_ms))
                        FROM check_results WHERE monitor_id = :id GROUP BY 1, 2""").param("id", agreed).update();
        jdbc.sql("""
                        INSERT INTO check_rollups_daily (monitor_id, day, checks, failures, latency_count, latency_sum,
                                                         latency_min, latency_max, latency_histogram,
                                                         downtime_seconds, incidents)
                        SELECT monitor_id, '2026-03-09T00:00:00Z', sum(checks), sum(failures), sum(latency_count),
                               sum(latency_sum), min(latency_min), max(latency_max),
                               histogram_sum(latency_histogram), 0, 0
                        FROM check_rollups_hourly WHERE monitor_id = :id AND hour < '2026-03-10T00:00:00Z'
                        GROUP BY monitor_id""").param("id", agreed).update();
        long page = jdbc.sql("INSERT INTO status_pages (slug, title) VALUES ('agreed', 'Agreed') RETURNING id")
                .query(Long.class)
                .single();
        jdbc.sql("INSERT INTO status_page_monitors (status_page_id, monitor_id, position) VALUES (:page, :id, 0)")
                .param("page", page)
                .param("id", agreed)
                .update();

        // 60 checks, 9 failed (k = 0, 7, ..., 56).
        String expected = "85.000";
        assertThat(getJson("/monitors/" + agreed).get("uptime_24h").decimalValue())
                .isEqualByComparingTo(expected);
        assertThat(getJson("/monitors/" + agreed + "/stats?from=2026-03-09T13:00:00Z&to=2026-03-10T12:30:00Z")
                        .get("uptime_percent")
                        .decimalValue())
                .isEqualByComparingTo(expected);
        assertThat(getJson("/status/agreed/summary.json")
                        .get("groups")
                        .get(0)
                        .get("monitors")
                        .get(0)
                        .get("uptime_90d")
                        .decimalValue())
                .isEqualByComparingTo(expected);
        assertThat(get("/status/agreed/badges/" + agreed + "/uptime.svg?window=24h")
                        .body())
                .contains("uptime 24h: 85%");
    }

    @Test
    void monitorsCarryTheirUptimesFromTheRollups() throws Exception {
        fixtures.create("new", "https://example.org/");

        JsonNode list = getJson("/monitors");
        JsonNode one = getJson("/monitors/" + id);

        assertThat(list).hasSize(2);
        // 24 h: the hourly rollups from 03-09 12:00 on, 147 checks, all successful; 30 d: all 795 checks, 24 failed.
        assertThat(list.get(0).get("uptime_24h").decimalValue()).isEqualByComparingTo("100.000");
        assertThat(list.get(0).get("uptime_30d").decimalValue()).isEqualByComparingTo("96.981");
        assertThat(one.get("uptime_30d").decimalValue()).isEqualByComparingTo("96.981");
        assertThat(list.get(1).get("uptime_24h").isNull()).isTrue();
        assertThat(list.get(1).get("uptime_30d").isNull()).isTrue();
    }

    @Test
    void uptimeWindowsCountEachRollupAtTheirEdgesOnce() throws Exception {
        // Windows: 24 h from 03-09 12:00, 30 d from 02-08 12:00, both up to the end of the current hour (13:00).
        // Checks are powers of two, so a row counted twice, or counted outside its window, changes the result.
        horizons("2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z");
        long edges = fixtures.create("edges", "https://example.org/");
        rollup(edges, "hourly", "2026-02-08T11:00:00Z", 1, 1); // before both windows
        rollup(edges, "hourly", "2026-02-08T12:00:00Z", 2, 0); // first hour of 30 d
        rollup(edges, "hourly", "2026-02-08T23:00:00Z", 4, 4); // last hour before 30 d's whole days
        rollup(edges, "daily", "2026-02-09T00:00:00Z", 8, 0);
        rollup(edges, "hourly", "2026-03-09T11:00:00Z", 32, 32); // before 24 h; in 30 d through its day
        rollup(edges, "hourly", "2026-03-09T12:00:00Z", 64, 0); // first hour of 24 h
        rollup(edges, "daily", "2026-03-09T00:00:00Z", 96, 32);
        rollup(edges, "hourly", "2026-03-10T12:00:00Z", 128, 1); // current hour

        JsonNode monitor = getJson("/monitors/" + edges);

        // 24 h: 64 + 128 checks, 1 failure; 30 d: 2 + 4 + 8 + 96 + 128 checks, 4 + 32 + 1 failures.
        assertThat(monitor.get("uptime_24h").decimalValue()).isEqualByComparingTo("99.479");
        assertThat(monitor.get("uptime_30d").decimalValue()).isEqualByComparingTo("84.454");
    }

    private void rollup(long monitor, String table, String at, int checks, int failures) {
        String extra = table.equals("daily") ? ", downtime_seconds, incidents" : "";
        jdbc.sql("INSERT INTO check_rollups_" + table + " (monitor_id, " + (table.equals("daily") ? "day" : "hour")
                        + ", checks, failures, latency_count, latency_sum" + extra + ")"
                        + " VALUES (:monitor, CAST(:at AS timestamptz), :checks, :failures, 0, 0"
                        + (extra.isEmpty() ? "" : ", 0, 0") + ")")
                .param("monitor", monitor)
                .param("at", at)
                .param("checks", checks)
                .param("failures", failures)
                .update();
    }

    @Test
    void pausingKeepsTheHistoryAndDeletingRemovesIt() throws Exception {
        jdbc.sql("UPDATE monitors SET enabled = false WHERE id = " + id).update();
        assertThat(getJson("/monitors/" + id + "/checks")).hasSize(100);

        HttpResponse<String> deleted = send("DELETE", "/monitors/" + id);

        assertThat(deleted.statusCode()).isEqualTo(204);
        for (String table : List.of("check_results", "check_rollups_hourly", "check_rollups_daily")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE monitor_id = " + id)
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }
        // Only the alert still being delivered stays, until it is sent.
        assertThat(jdbc.sql("SELECT delivery FROM status_changes WHERE monitor_id = " + id)
                        .query(String.class)
                        .list())
                .containsExactly("PENDING");
        assertThat(get("/monitors/" + id + "/checks").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource({
        "/checks?limit=0, limit",
        "/checks?limit=1001, limit",
        "/checks?limit=ten, limit",
        "/checks?before=yesterday, before",
        "/status-changes?limit=-1, limit",
        "/status-changes?before=2026-13-01T00:00:00Z, before",
        "/stats?window=2d, window",
        "/stats?window=24h&from=2026-03-01T00:00:00Z, window",
        "/stats?from=last-week, from",
        "/stats?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z, to",
        "/stats?to=2026-03-01T00:00:00Z, from",
        "/series?window=24h&step=7m, step",
        "/series?window=24h&step=90m, step",
        "/series?window=365d&step=1h, step",
        "/series?window=24h&step=often, step",
    })
    void badParametersAre400sNamingTheParameter(String query, String parameter) throws Exception {
        HttpResponse<String> response = get("/monitors/" + id + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo(parameter);
    }

    @Test
    void fleetStatsRefuseAToBeforeFrom() throws Exception {
        HttpResponse<String> response = get("/stats?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("to");
    }

    @ParameterizedTest
    @CsvSource({"/checks", "/status-changes", "/stats", "/series"})
    void anUnknownMonitorIs404(String path) throws Exception {
        HttpResponse<String> response = get("/monitors/999999" + path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void theJavaHistogramBoundsAreTheDatabaseBuckets() {
        for (int k = 0; k < LatencyHistogram.BOUNDS.length; k++) {
            int bound = LatencyHistogram.BOUNDS[k];
            assertThat(bucket(bound)).as("bucket of %d", bound).isEqualTo(k + 1);
            assertThat(bucket(bound - 1)).as("bucket of %d", bound - 1).isEqualTo(k);
        }
    }

    private int bucket(int latency) {
        return jdbc.sql("SELECT latency_bucket(:latency)")
                .param("latency", latency)
                .query(Integer.class)
                .single();
    }

    /** Latencies of the responses (successes and 503s) in slots [from, to). */
    private static List<Integer> latencies(Instant from, Instant to) {
        List<Integer> latencies = new ArrayList<>();
        for (int k = 0; k < SLOTS; k++) {
            Instant slot = START.plus(Duration.ofMinutes(10L * k));
            if (slot.isBefore(from) || !slot.isBefore(to)) {
                continue;
            }
            boolean outage1 = !slot.isBefore(Instant.parse("2026-03-07T10:00:00Z"))
                    && slot.isBefore(Instant.parse("2026-03-07T12:00:00Z"));
            boolean outage2 = !slot.isBefore(Instant.parse("2026-03-08T22:50:00Z"))
                    && slot.isBefore(Instant.parse("2026-03-09T00:50:00Z"));
            if (!outage2) {
                latencies.add(outage1 ? 30 : 50 + (k * 37) % 400);
            }
        }
        return latencies;
    }

    private void horizons(String rawFrom, String hourlyFrom) {
        jdbc.sql("""
                        UPDATE history_horizons SET raw_results_from = CAST(:raw AS timestamptz),
                            hourly_rollups_from = CAST(:hourly AS timestamptz),
                            status_changes_from = CAST(:hourly AS timestamptz),
                            daily_rollups_until = '2026-03-10T00:00:00Z'""").param("raw", rawFrom).param("hourly", hourlyFrom).update();
    }

    private void change(String from, String to, String at, String delivery) {
        jdbc.sql("""
                        INSERT INTO status_changes (monitor_id, old_status, new_status, changed_at, slot, reason,
                                                    webhook_url, payload, delivery, attempts, next_attempt_at,
                                                    last_error, sent_at)
                        VALUES (:id, :from, :to, CAST(:at AS timestamptz), CAST(:at AS timestamptz) - interval '2 s',
                                CASE WHEN :to = 'DOWN' THEN 'timed out' END,
                                CASE WHEN :delivery = 'NONE' THEN NULL ELSE 'https://hooks.slack.com/services/x' END,
                                '{}'::jsonb, :delivery, CASE :delivery WHEN 'FAILED' THEN 3 WHEN 'SENT' THEN 1 ELSE 0 END,
                                CASE WHEN :delivery = 'PENDING' THEN now() END,
                                CASE WHEN :delivery = 'FAILED' THEN 'HTTP 404: no_service' END,
                                CASE WHEN :delivery = 'SENT' THEN CAST(:at AS timestamptz) END)""")
                .param("id", id)
                .param("from", from)
                .param("to", to)
                .param("at", at)
                .param("delivery", delivery)
                .update();
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
