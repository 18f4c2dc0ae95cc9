package com.healthmonitor.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V3 converts a database in use: its check results move into daily partitions and get hourly rollups. */
class HistoryMigrationTest {

    @Test
    void existingResultsArePartitionedByDayAndRolledUpByHour() {
        DatabaseInUse database = DatabaseInUse.at("2");
        JdbcClient jdbc = database.jdbc;
        long id = jdbc.sql("INSERT INTO monitors (name, url) VALUES ('m', 'https://example.com/') RETURNING id")
                .query(Long.class)
                .single();
        // Two days of results every 10 minutes, every fifth failing without a response.
        jdbc.sql("""
                        INSERT INTO check_results
                            (monitor_id, slot, checked_at, config_version, success, status_code, latency_ms, error)
                        SELECT :id, s, s + interval '1 second', 1, g % 5 <> 0,
                               CASE WHEN g % 5 <> 0 THEN 200 END, 100 + g, CASE WHEN g % 5 = 0 THEN 'timed out' END
                        FROM generate_series(1, 288) g,
                             LATERAL (SELECT date_trunc('hour', now()) - g * interval '10 minutes' AS s) t""").param("id", id).update();

        database.migrateToLatest();

        assertThat(jdbc.sql("""
                        SELECT count(DISTINCT tableoid) FROM check_results
                        WHERE tableoid <> 'check_results_default'::regclass""").query(Long.class).single()).isBetween(2L, 3L);
        assertThat(jdbc.sql("SELECT count(*) FROM check_results_default")
                        .query(Long.class)
                        .single())
                .isZero();
        Map<String, Object> rollups = jdbc.sql("""
                        SELECT count(*) AS hours, sum(checks) AS checks, sum(failures) AS failures,
                               sum(latency_count) AS latency_count, min(latency_min) AS min, max(latency_max) AS max
                        FROM check_rollups_hourly WHERE monitor_id = :id""").param("id", id).query().singleRow();
        assertThat(rollups)
                .containsEntry("hours", 48L)
                .containsEntry("checks", 288L)
                .containsEntry("failures", 57L)
                .containsEntry("latency_count", 231L)
                .containsEntry("min", 101)
                .containsEntry("max", 388);
        // Redelivery detection still works on the partitioned table.
        assertThat(jdbc.sql("""
                        INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, latency_ms)
                        SELECT monitor_id, slot, checked_at, 1, true, 1 FROM check_results LIMIT 1
                        ON CONFLICT (monitor_id, slot, location) DO NOTHING""").update()).isZero();
        assertThat(jdbc.sql("SELECT raw_results_from <= min(checked_at) FROM history_horizons, check_results"
                                + " GROUP BY raw_results_from")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }
}
