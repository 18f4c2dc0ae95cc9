package com.healthmonitor.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V20 counts the monitors already there by status and flag, and its trigger keeps the counts equal to a scan. */
class FleetStatusCountsMigrationTest {

    private static final String SCAN = """
            SELECT f.enabled, count(m.id) FILTER (WHERE m.status = 'UNKNOWN') AS unknown,
                   count(m.id) FILTER (WHERE m.status = 'UP') AS up, count(m.id) FILTER (WHERE m.status = 'DOWN') AS down
            FROM (VALUES (false), (true)) AS f (enabled) LEFT JOIN monitors m ON m.enabled = f.enabled
            GROUP BY f.enabled ORDER BY f.enabled""";

    @Test
    void countsTheMonitorsThereAndFollowEveryInsertUpdateAndDelete() {
        DatabaseInUse database = DatabaseInUse.at("19");
        JdbcClient jdbc = database.jdbc;
        jdbc.sql("""
                        INSERT INTO monitors (name, url, enabled, status)
                        SELECT 'm' || n, 'https://example.com/' || n, n % 5 <> 0,
                               (ARRAY['UNKNOWN', 'UP', 'DOWN'])[1 + n % 3]
                        FROM generate_series(1, 50) n""").update();

        database.migrateToLatest();
        List<Map<String, Object>> migrated = counts(jdbc);
        assertThat(migrated).isEqualTo(scan(jdbc)).hasSize(2);

        jdbc.sql("UPDATE monitors SET status = 'DOWN' WHERE id % 4 = 0").update();
        jdbc.sql("UPDATE monitors SET enabled = NOT enabled WHERE id % 7 = 0").update();
        jdbc.sql("UPDATE monitors SET status = 'UP', enabled = true WHERE id % 9 = 0")
                .update();
        jdbc.sql("UPDATE monitors SET name = name || '!'").update();
        jdbc.sql("DELETE FROM monitors WHERE id % 6 = 0").update();
        jdbc.sql("INSERT INTO monitors (name, url, enabled) VALUES ('new', 'https://example.com/new', true)")
                .update();

        assertThat(counts(jdbc)).isEqualTo(scan(jdbc)).isNotEqualTo(migrated);
    }

    private static List<Map<String, Object>> counts(JdbcClient jdbc) {
        return jdbc.sql("SELECT enabled, unknown, up, down FROM fleet_status_counts ORDER BY enabled")
                .query()
                .listOfRows();
    }

    private static List<Map<String, Object>> scan(JdbcClient jdbc) {
        return jdbc.sql(SCAN).query().listOfRows();
    }
}
