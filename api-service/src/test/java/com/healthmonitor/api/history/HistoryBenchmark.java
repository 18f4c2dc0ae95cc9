package com.healthmonitor.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.testing.TestDatabaseInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Statistics over long windows at fleet scale: 10,000 monitors with 365 days of synthetic daily rollups (inserted
 * directly), hourly rollups of the last 2 days and raw results of the last hour. The queries measured read at most
 * 48 hourly rows and 60 raw rows per monitor; older hourly rollups would only deepen the indexes. Not part of the
 * test run (the fleet rollups are filled by the triggers on the monitors' rollups, as in production): {@code ./mvnw -B verify -pl api-service -am -Dgroups=benchmark -Dtest.excludedGroups=
 * -Dtest=HistoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"health-monitor.api.rate-limit.per-minute=0", "health-monitor.api.allow-anonymous=true"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class HistoryBenchmark {

    private static final int MONITORS = Integer.getInteger("benchmark.monitors", 10_000);
    private static final int DAYS = 365;
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 500);

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void statsOverAYearAndMonitorPagesWithUptimes() throws Exception {
        long loadStart = System.nanoTime();
        load();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long minId = jdbc.sql("SELECT min(id) FROM monitors").query(Long.class).single();

        List<Long> stats = measure(i -> "/monitors/" + (minId + random(MONITORS)) + "/stats?window=365d");
        List<Long> pages = measure(i -> "/monitors?limit=500&after_id=" + (minId - 1 + random(MONITORS - 500)));
        List<Long> month = measure(i -> "/monitors/" + (minId + random(MONITORS)) + "/stats?window=30d");
        List<Long> series = measure(i -> "/monitors/" + (minId + random(MONITORS)) + "/series?window=365d");
        List<Long> fleetDay = measure(i -> "/stats?window=24h");
        List<Long> fleetMonth = measure(i -> "/stats?window=30d");

        System.out.printf(
                Locale.ROOT,
                "BENCHMARK history monitors=%d days=%d load=%.0fs tables=%s%n"
                        + "BENCHMARK GET /monitors/{id}/stats?window=365d %s%n"
                        + "BENCHMARK GET /monitors?limit=500 (uptime_24h, uptime_30d) %s%n"
                        + "BENCHMARK GET /monitors/{id}/stats?window=30d %s%n"
                        + "BENCHMARK GET /monitors/{id}/series?window=365d %s%n"
                        + "BENCHMARK GET /stats?window=24h (fleet) %s%n"
                        + "BENCHMARK GET /stats?window=30d (fleet) %s%n",
                MONITORS,
                DAYS,
                loadSeconds,
                sizes(),
                summary(stats),
                summary(pages),
                summary(month),
                summary(series),
                summary(fleetDay),
                summary(fleetMonth));
        assertThat(percentile(stats, 0.99)).isLessThanOrEqualTo(50);
        assertThat(percentile(pages, 0.99)).isLessThanOrEqualTo(100);
        assertThat(percentile(fleetDay, 0.99)).isLessThanOrEqualTo(100);
        assertThat(percentile(fleetMonth, 0.99)).isLessThanOrEqualTo(100);
    }

    private void load() {
        // Raw rows on purpose: 10,000 monitors in one statement, where the repository would take a round trip each.
        jdbc.sql("""
                        INSERT INTO monitors (name, url, status)
                        SELECT 'm' || g, 'https://example.com/' || g, 'UP' FROM generate_series(1, :n) g""").param("n", MONITORS).update();
        // A realistic sparse histogram: about 20 buckets around a monitor-specific typical latency.
        jdbc.sql("""
                        INSERT INTO check_rollups_daily (monitor_id, day, checks, failures, latency_count, latency_sum,
                                                         latency_min, latency_max, latency_histogram,
                                                         downtime_seconds, incidents)
                        SELECT m.id, d.day, 1440, f.failures, 1440 - f.failures, (1440 - f.failures) * 180, 40, 900,
                               ('[' || (40 + m.id % 10) || ':' || (59 + m.id % 10) || ']={2,5,9,20,40,80,120,160,200,'
                                || '220,200,150,100,60,30,15,8,5,3,' || (1440 - f.failures - 1427) || '}')::int[],
                               f.failures * 60, CASE WHEN f.failures > 0 THEN 1 ELSE 0 END
                        FROM monitors m,
                             generate_series(date_trunc('day', now(), 'UTC') - interval '365 days',
                                             date_trunc('day', now(), 'UTC') - interval '1 day', interval '1 day')
                                 AS d(day),
                             LATERAL (SELECT CASE WHEN (m.id + extract(DOY FROM d.day)::int) % 50 = 0 THEN 3 ELSE 0 END
                                          AS failures) f""").update();
        jdbc.sql("""
                        INSERT INTO check_rollups_hourly (monitor_id, hour, checks, failures, latency_count,
                                                          latency_sum, latency_min, latency_max, latency_histogram)
                        SELECT m.id, h.hour, 60, 0, 60, 60 * 180, 40, 900,
                               ('[' || (40 + m.id % 10) || ':' || (44 + m.id % 10) || ']={5,10,30,10,5}')::int[]
                        FROM monitors m,
                             generate_series(date_trunc('day', now(), 'UTC') - interval '1 day',
                                             date_trunc('hour', now(), 'UTC'), interval '1 hour') AS h(hour)""").update();
        jdbc.sql("SELECT create_check_results_partition(current_date)")
                .query(String.class)
                .single();
        jdbc.sql("""
                        INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, status_code,
                                                   latency_ms)
                        SELECT m.id, s, s, 1, true, 200, 100 + (m.id + g) % 200
                        FROM monitors m, generate_series(1, 60) g,
                             LATERAL (SELECT now() - g * interval '1 minute' AS s) t""").update();
        jdbc.sql("""
                        UPDATE history_horizons SET raw_results_from = now() - interval '1 hour',
                            hourly_rollups_from = date_trunc('day', now(), 'UTC') - interval '1 day',
                            status_changes_from = date_trunc('day', now(), 'UTC') - interval '1 day',
                            daily_rollups_until = date_trunc('day', now(), 'UTC')""").update();
        jdbc.sql("VACUUM ANALYZE").update();
        // Write out the load's dirty pages now, not during the measurement: a fleet's history grows over a year, it
        // does not arrive as gigabytes a minute before the requests.
        jdbc.sql("CHECKPOINT").update();
    }

    private List<Long> measure(IntFunction<String> path) throws Exception {
        for (int i = 0; i < 50; i++) {
            assertThat(get(path.apply(i)).statusCode()).isEqualTo(200);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(path.apply(i));
            micros.add((System.nanoTime() - start) / 1000);
            assertThat(response.statusCode()).isEqualTo(200);
        }
        micros.sort(null);
        return micros;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String sizes() {
        return jdbc.sql("""
                        SELECT string_agg(t || '=' || pg_size_pretty(pg_total_relation_size(t)), ' ')
                        FROM unnest(ARRAY['check_rollups_daily', 'check_rollups_hourly', 'fleet_rollups_daily',
                                          'fleet_rollups_hourly']) t""").query(String.class).single();
    }

    private static String summary(List<Long> sortedMicros) {
        return String.format(
                Locale.ROOT,
                "n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms",
                sortedMicros.size(),
                sortedMicros.get(sortedMicros.size() / 2) / 1000.0,
                percentile(sortedMicros, 0.95) / 1.0,
                percentile(sortedMicros, 0.99) / 1.0,
                sortedMicros.getLast() / 1000.0);
    }

    /** Nearest-rank percentile in milliseconds. */
    private static double percentile(List<Long> sortedMicros, double p) {
        return sortedMicros.get((int) Math.ceil(p * sortedMicros.size()) - 1) / 1000.0;
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }
}
