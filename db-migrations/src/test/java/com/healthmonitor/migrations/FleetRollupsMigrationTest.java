package com.healthmonitor.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V12 starts the fleet rollups from the monitors' rollups already stored, paused monitors under their own flag. */
class FleetRollupsMigrationTest {

    @Test
    void existingRollupsAreSummedIntoTheFleetByEnabledFlag() {
        DatabaseInUse database = DatabaseInUse.at("10");
        JdbcClient jdbc = database.jdbc;
        jdbc.sql("""
                        INSERT INTO monitors (name, url, enabled) VALUES ('a', 'https://example.com/a', true),
                            ('b', 'https://example.com/b', true), ('c', 'https://example.com/c', false)""").update();
        jdbc.sql("""
                        INSERT INTO check_rollups_hourly (monitor_id, hour, checks, failures, latency_count,
                                                          latency_sum, latency_min, latency_max, latency_histogram)
                        SELECT id, '2026-03-01T10:00:00Z', 60, id % 3, 60, 600 * id, 5 * id, 50 * id,
                               histogram_add(latency_histogram(5 * id::int), latency_histogram(50 * id::int))
                        FROM monitors""").update();
        jdbc.sql("""
                        INSERT INTO check_rollups_daily (monitor_id, day, checks, failures, latency_count, latency_sum,
                                                         downtime_seconds, incidents)
                        SELECT id, '2026-03-01T00:00:00Z', 1440, 1, 0, 0, 60, 1 FROM monitors""").update();

        database.migrateToLatest();

        Map<String, Object> enabled = jdbc.sql("""
                        SELECT checks, failures, latency_sum, latency_min, latency_max,
                               (SELECT sum(n) FROM unnest(latency_histogram) n) AS histogram_count
                        FROM fleet_rollups_hourly WHERE enabled""").query().singleRow();
        Map<String, Object> sums = jdbc.sql("""
                        SELECT sum(r.checks)::bigint AS checks, sum(r.failures)::bigint AS failures,
                               sum(r.latency_sum)::bigint AS latency_sum, min(r.latency_min) AS latency_min,
                               max(r.latency_max) AS latency_max, 4::bigint AS histogram_count
                        FROM check_rollups_hourly r JOIN monitors m ON m.id = r.monitor_id WHERE m.enabled""").query().singleRow();
        assertThat(enabled).isEqualTo(sums);
        assertThat(jdbc.sql("SELECT enabled, checks, downtime_seconds::bigint, incidents FROM fleet_rollups_daily"
                                + " ORDER BY enabled")
                        .query()
                        .listOfRows())
                .containsExactly(
                        Map.of("enabled", false, "checks", 1440L, "downtime_seconds", 60L, "incidents", 1L),
                        Map.of("enabled", true, "checks", 2880L, "downtime_seconds", 120L, "incidents", 2L));
    }
}
