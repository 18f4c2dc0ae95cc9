package com.healthmonitor.standalone.browser;

import com.healthmonitor.standalone.HealthMonitorSystem;
import com.healthmonitor.standalone.StandaloneSettings;
import com.healthmonitor.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The dashboard with 5,000 monitors (5 % DOWN), each with 50 recent checks and 24 hourly rollups: first contentful
 * paint and first table rows, as the browser's performance timeline records them, over 5 cold page loads. The list
 * reads only the page it shows, so there is no "everything loaded" to wait for. Run: {@code ./mvnw -pl standalone verify -Dgroups=benchmark -Dtest.excludedGroups=
 * -Dtest=DashboardFirstPaintBenchmark}.
 */
@Tag("benchmark")
class DashboardFirstPaintBenchmark {

    private static final String KEY = "benchmark-key-0123456789abcdef0123";
    private static final int MONITORS = Integer.getInteger("benchmark.monitors", 5000);

    @TempDir
    Path data;

    @Test
    void firstPaintWithFiveThousandMonitors() {
        Browser.requireChromium();
        String running = System.getProperty("benchmark.url");
        if (running != null) { // a system a benchmark script runs (bench/fleet.sh), anonymous on loopback
            measure(running, null, "fleet");
            return;
        }
        String jdbcUrl = TestDatabase.newEmptyDatabase();
        try (HealthMonitorSystem system = HealthMonitorSystem.start(new StandaloneSettings(
                data,
                0,
                StandaloneSettings.LOOPBACK,
                jdbcUrl,
                TestDatabase.USERNAME,
                TestDatabase.PASSWORD,
                null,
                Map.of("API_KEYS", KEY, "RATE_LIMIT_PER_MINUTE", "0"),
                null))) {
            fill(JdbcClient.create(new DriverManagerDataSource(jdbcUrl, TestDatabase.USERNAME, TestDatabase.PASSWORD)));
            measure("http://localhost:" + system.apiPort(), KEY, MONITORS + " monitors");
        }
    }

    private static void measure(String base, String key, String fleet) {
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            List<double[]> runs = new ArrayList<>();
            for (int run = 0; run < 6; run++) {
                driver.get(base + "/assets/style.css");
                if (key != null) {
                    driver.executeScript("sessionStorage.setItem('health-monitor-api-key', arguments[0])", key);
                }
                driver.get(base + "/");
                new WebDriverWait(driver, Duration.ofSeconds(120)).until(d ->
                        (Boolean) driver.executeScript("return performance.getEntriesByName('first-rows').length > 0"));
                @SuppressWarnings("unchecked")
                List<Number> marks = (List<Number>) driver.executeScript("""
                        const t = (n) => (performance.getEntriesByName(n)[0] || {startTime: -1}).startTime;
                        return [t('first-contentful-paint'), t('first-rows')];""");
                if (run > 0) { // the first load warms the JVM's code paths
                    runs.add(marks.stream().mapToDouble(Number::doubleValue).toArray());
                }
            }
            System.out.printf(
                    "[BENCHMARK] dashboard, %s, median of %d loads: first contentful paint %.0f ms,"
                            + " first rows %.0f ms%n",
                    fleet, runs.size(), median(runs, 0), median(runs, 1));
            System.out.println("[BENCHMARK] API requests of the last load (ms): " + driver.executeScript("""
                    return performance.getEntriesByType('resource').filter(e => e.initiatorType === 'fetch')
                      .map(e => decodeURIComponent(e.name.replace(location.origin, '')) + ' '
                        + Math.round(e.duration)).join(', ');"""));
            Browser.screenshot(driver, "dashboard-" + fleet.replace(' ', '-'));
        } finally {
            driver.quit();
        }
    }

    private static void fill(JdbcClient jdbc) {
        jdbc.sql("""
                        INSERT INTO monitors (name, url, status, last_checked_at, last_status_code, last_latency_ms,
                                              last_status_change_at, next_check_at)
                        SELECT 'Service ' || n, 'https://service-' || n || '.example.com/health',
                               CASE WHEN n % 20 = 0 THEN 'DOWN' ELSE 'UP' END, now() - interval '10 seconds',
                               CASE WHEN n % 20 = 0 THEN 503 ELSE 200 END, 20 + n % 200, now() - interval '2 hours',
                               now() + interval '1 day'
                        FROM generate_series(1, :count) AS n""").param("count", MONITORS).update();
        jdbc.sql("""
                        INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, status_code,
                                                   latency_ms, error)
                        SELECT m.id, date_trunc('minute', now()) - k * interval '1 minute',
                               date_trunc('minute', now()) - k * interval '1 minute', 1, m.status = 'UP',
                               CASE WHEN m.status = 'UP' THEN 200 ELSE 503 END, 20 + (m.id + k) % 200,
                               CASE WHEN m.status = 'UP' THEN NULL ELSE 'unexpected status 503' END
                        FROM monitors m CROSS JOIN generate_series(0, 49) AS k""").update();
        jdbc.sql("""
                        INSERT INTO check_rollups_hourly (monitor_id, hour, checks, failures, latency_count, latency_sum,
                                                          latency_min, latency_max, latency_histogram)
                        SELECT m.id, date_trunc('hour', now()) - k * interval '1 hour', 60,
                               CASE WHEN m.status = 'UP' THEN 0 ELSE 6 END, 60, 60 * (20 + m.id % 200),
                               20 + m.id % 200, 20 + m.id % 200,
                               array_fill(60, ARRAY[1], ARRAY[latency_bucket(CAST(20 + m.id % 200 AS INTEGER))])
                        FROM monitors m CROSS JOIN generate_series(0, 23) AS k""").update();
        // As in a system that has run for months: raw results for 7 days, hourly rollups for 30.
        jdbc.sql("""
                        UPDATE history_horizons SET raw_results_from = now() - interval '7 days',
                               hourly_rollups_from = now() - interval '30 days',
                               daily_rollups_until = date_trunc('day', now(), 'UTC')""").update();
        jdbc.sql("ANALYZE").update();
    }

    private static double median(List<double[]> runs, int index) {
        double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return values[values.length / 2];
    }
}
