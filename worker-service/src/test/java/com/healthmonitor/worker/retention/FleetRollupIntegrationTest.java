package com.healthmonitor.worker.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.state.Applied;
import com.healthmonitor.worker.state.ResultRecorder;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fleet rollups (V12) stay the sums of the monitors' rollups per hour (day) and enabled flag, whatever writes
 * those: the worker's recording, a late result for an hour already closed, the daily job. The database is shared
 * with other tests, so the tests compare the fleet with the sums rather than with fixed numbers.
 */
@WorkerIntegrationTest
class FleetRollupIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ResultRecorder recorder;

    @Autowired
    private DailyRollupJob dailyRollups;

    @Test
    void aLateResultForAClosedHourIsAddedToThatHourOfTheFleet() {
        long id = new Monitors(jdbc).insert("fleet-late", "https://example.com/fleet-late", null);
        Instant closedHour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        record(id, closedHour.plusSeconds(60), true, 120);
        record(id, Instant.now().minusSeconds(30), true, 80);
        Map<String, Object> before = fleetHour(closedHour);

        record(id, closedHour.plusSeconds(120), false, 7);

        Map<String, Object> after = fleetHour(closedHour);
        assertThat((Long) after.get("checks")).isEqualTo((Long) before.get("checks") + 1);
        assertThat((Long) after.get("failures")).isEqualTo((Long) before.get("failures") + 1);
        assertThat(mismatches("hour")).isEmpty();
    }

    @Test
    void theDailyJobsDaysAreTheFleetsDays() {
        long id = new Monitors(jdbc).insert("fleet-daily", "https://example.com/fleet-daily", null);
        Instant yesterday = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        for (int k = 0; k < 24; k++) {
            record(id, yesterday.plus(Duration.ofMinutes(60L * k + 5)), k % 5 != 0, 40 + k);
        }
        jdbc.sql("UPDATE history_horizons SET daily_rollups_until = least(daily_rollups_until, :day)")
                .param("day", yesterday.atOffset(ZoneOffset.UTC))
                .update();

        dailyRollups.run();

        assertThat(mismatches("day")).isEmpty();
        assertThat(mismatches("hour")).isEmpty();
    }

    private void record(long id, Instant slot, boolean success, int latency) {
        CheckResult result = success
                ? new CheckResult(slot.plusSeconds(1), true, 200, latency, null)
                : new CheckResult(slot.plusSeconds(1), false, 500, latency, "unexpected status 500 (expected 200)");
        assertThat(recorder.apply(CheckRequest.of(id, slot, 1, "https://example.com/", 5, 200), result))
                .isNotEqualTo(Applied.DUPLICATE);
    }

    private Map<String, Object> fleetHour(Instant hour) {
        return jdbc.sql("""
                        SELECT coalesce(sum(checks), 0)::bigint AS checks, coalesce(sum(failures), 0)::bigint AS failures
                        FROM fleet_rollups_hourly WHERE hour = :hour AND enabled""")
                .param("hour", hour.atOffset(ZoneOffset.UTC))
                .query()
                .singleRow();
    }

    /**
     * The hours (days) where the fleet differs from the sums of the monitors' rollups: counts, extremes, and each
     * histogram bucket's count (a bucket emptied by a subtraction is 0, not absent, so buckets are compared by value).
     */
    private List<Map<String, Object>> mismatches(String level) {
        String rollups = level.equals("hour") ? "check_rollups_hourly" : "check_rollups_daily";
        String fleet = level.equals("hour") ? "fleet_rollups_hourly" : "fleet_rollups_daily";
        return jdbc.sql("""
                        WITH sums AS (
                            SELECT r.%1$s AS at, m.enabled, sum(r.checks) AS checks, sum(r.failures) AS failures,
                                   sum(r.latency_count) AS latency_count, sum(r.latency_sum) AS latency_sum,
                                   min(r.latency_min) AS latency_min, max(r.latency_max) AS latency_max
                            FROM %2$s r JOIN monitors m ON m.id = r.monitor_id GROUP BY 1, 2
                            HAVING sum(r.checks) <> 0 OR sum(r.latency_count) <> 0
                        ), fleet AS (
                            SELECT %1$s AS at, enabled, checks, failures, latency_count, latency_sum, latency_min,
                                   latency_max
                            FROM %3$s WHERE checks <> 0 OR latency_count <> 0
                        ), sum_buckets AS (
                            SELECT r.%1$s AS at, m.enabled, b, sum(r.latency_histogram[b]) AS n
                            FROM %2$s r JOIN monitors m ON m.id = r.monitor_id,
                                 generate_subscripts(r.latency_histogram, 1) AS b
                            GROUP BY 1, 2, 3 HAVING coalesce(sum(r.latency_histogram[b]), 0) <> 0
                        ), fleet_buckets AS (
                            SELECT f.%1$s AS at, f.enabled, b, f.latency_histogram[b]::numeric AS n
                            FROM %3$s f, generate_subscripts(f.latency_histogram, 1) AS b
                            WHERE coalesce(f.latency_histogram[b], 0) <> 0
                        )
                        SELECT 'totals' AS what, at::text FROM ((TABLE sums EXCEPT TABLE fleet)
                                                            UNION ALL (TABLE fleet EXCEPT TABLE sums)) t
                        UNION ALL
                        SELECT 'histogram', at::text FROM ((TABLE sum_buckets EXCEPT TABLE fleet_buckets)
                                                       UNION ALL (TABLE fleet_buckets EXCEPT TABLE sum_buckets)) h""".formatted(level, rollups, fleet)).query().listOfRows();
    }
}
