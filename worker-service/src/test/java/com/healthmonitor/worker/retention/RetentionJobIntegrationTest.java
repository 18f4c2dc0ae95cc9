package com.healthmonitor.worker.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.database.Timestamps;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@WorkerIntegrationTest
class RetentionJobIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private RetentionJob retention;

    @Test
    void dropsWholeDaysOfResultsOlderThanTheRetentionAndKeepsRecentOnes() {
        long id = new Monitors(jdbc).insert("retention", "https://example.com/", null);
        for (int day : new int[] {1, 6, 8, 30}) {
            jdbc.sql("SELECT create_check_results_partition((now() - make_interval(days => :day))::date)")
                    .param("day", day)
                    .query(String.class)
                    .single();
            insertResult(id, day);
        }
        // Without its partition a result lands in the default partition; retention removes it there too.
        insertResult(id, 45);
        String expired = partitionOf(8);
        jdbc.sql("UPDATE history_horizons SET raw_results_from = now() - interval '60 days'")
                .update();

        retention.run();

        assertThat(jdbc.sql("SELECT count(*) FROM check_results WHERE monitor_id = " + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT to_regclass(:name) IS NULL")
                        .param("name", expired)
                        .query(Boolean.class)
                        .single())
                .as("partition %s dropped", expired)
                .isTrue();
        assertThat(jdbc.sql("SELECT to_regclass(:name) IS NOT NULL")
                        .param("name", partitionOf(6))
                        .query(Boolean.class)
                        .single())
                .isTrue();
        Instant sevenDaysAgo = Instant.now().minus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
        assertThat(jdbc.sql("SELECT raw_results_from FROM history_horizons")
                        .query((rs, n) -> Timestamps.instant(rs, "raw_results_from"))
                        .single())
                .isEqualTo(sevenDaysAgo);
    }

    @Test
    void deletesExpiredRollupsAndKeepsRecentOnes() {
        long id = new Monitors(jdbc).insert("rollup-retention", "https://example.com/", null);
        for (int day : new int[] {1, 89, 91}) {
            jdbc.sql("""
                            INSERT INTO check_rollups_hourly (monitor_id, hour, checks, failures, latency_count,
                                                              latency_sum)
                            VALUES (:id, date_trunc('hour', now() - make_interval(days => :day), 'UTC'), 1, 0, 0, 0)""").param("id", id).param("day", day).update();
        }
        for (int day : new int[] {1, 729, 731}) {
            jdbc.sql("""
                            INSERT INTO check_rollups_daily (monitor_id, day, checks, failures, latency_count,
                                                             latency_sum, downtime_seconds, incidents)
                            VALUES (:id, date_trunc('day', now() - make_interval(days => :day), 'UTC'), 1, 0, 0, 0,
                                    0, 0)""").param("id", id).param("day", day).update();
        }

        retention.run();

        assertThat(count("SELECT count(*) FROM check_rollups_hourly WHERE monitor_id = " + id))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM check_rollups_daily WHERE monitor_id = " + id))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM fleet_rollups_hourly WHERE hour < now() - interval '90 days'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM fleet_rollups_daily WHERE day < now() - interval '730 days'"))
                .isZero();
    }

    @Test
    void deletesFinishedStatusChangesByAgeAndThoseOfDeletedMonitorsKeepingPendingAlerts() {
        long id = new Monitors(jdbc).insert("retention", "https://example.com/", null);
        insertChange(id, "SENT", 100);
        insertChange(id, "NONE", 100);
        insertChange(id, "FAILED", 100);
        insertChange(id, "PENDING", 100);
        insertChange(id, "SENT", 10);
        long gone = new Monitors(jdbc).insert("deleted", "https://example.com/", null);
        insertChange(gone, "PENDING", 1);
        jdbc.sql("DELETE FROM monitors WHERE id = " + gone).update();
        // Its pending alert survived the deletion; once delivered, the retention removes it.
        jdbc.sql("UPDATE status_changes SET delivery = 'SENT', sent_at = now(), next_attempt_at = NULL"
                        + " WHERE monitor_id = " + gone)
                .update();

        retention.run();

        assertThat(jdbc.sql("SELECT delivery FROM status_changes WHERE monitor_id = " + id + " ORDER BY delivery")
                        .query(String.class)
                        .list())
                .containsExactly("PENDING", "SENT");
        assertThat(count("SELECT count(*) FROM status_changes WHERE monitor_id = " + gone))
                .isZero();
    }

    private void insertResult(long monitorId, int ageDays) {
        jdbc.sql("""
                        INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, latency_ms)
                        VALUES (:id, now() - make_interval(days => :day), now() - make_interval(days => :day), 1,
                                true, 5)""").param("id", monitorId).param("day", ageDays).update();
    }

    private static String partitionOf(int ageDays) {
        return "check_results_"
                + Instant.now()
                        .minus(ageDays, ChronoUnit.DAYS)
                        .atOffset(ZoneOffset.UTC)
                        .toLocalDate()
                        .toString()
                        .replace("-", "");
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private void insertChange(long monitorId, String delivery, int ageDays) {
        jdbc.sql("""
                        INSERT INTO status_changes (monitor_id, old_status, new_status, changed_at, slot, webhook_url,
                                                    payload, delivery, next_attempt_at, sent_at)
                        VALUES (:id, 'UP', 'DOWN', now() - make_interval(days => :age), now(),
                                CASE WHEN :delivery = 'NONE' THEN NULL ELSE 'http://203.0.113.1/hook' END,
                                '{}'::jsonb, :delivery,
                                CASE WHEN :delivery = 'PENDING' THEN now() + interval '1 day' END,
                                CASE WHEN :delivery = 'SENT' THEN now() END)""")
                .param("id", monitorId)
                .param("age", ageDays)
                .param("delivery", delivery)
                .update();
    }
}
