package com.healthmonitor.api.history;

import static com.healthmonitor.common.database.Timestamps.instant;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which stored history is complete for which period (table history_horizons, kept by the worker's jobs).
 *
 * @param rawResultsFrom check_results hold every result whose slot is at or after this
 * @param hourlyRollupsFrom hourly rollups are complete for hours at or after this
 * @param statusChangesFrom status_changes hold every change at or after this
 * @param dailyRollupsUntil daily rollups are final for the days before this
 */
record Horizons(
        Instant rawResultsFrom, Instant hourlyRollupsFrom, Instant statusChangesFrom, Instant dailyRollupsUntil) {

    static Horizons read(JdbcClient jdbc) {
        return jdbc.sql("""
                        SELECT raw_results_from, hourly_rollups_from, status_changes_from, daily_rollups_until
                        FROM history_horizons""")
                .query((rs, n) -> new Horizons(
                        instant(rs, "raw_results_from"),
                        instant(rs, "hourly_rollups_from"),
                        instant(rs, "status_changes_from"),
                        instant(rs, "daily_rollups_until")))
                .single();
    }
}
