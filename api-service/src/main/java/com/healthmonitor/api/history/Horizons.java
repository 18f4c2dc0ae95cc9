package com.healthmonitor.api.history;

import java.time.Instant;

/**
 * Which stored history is complete for which period (table history_horizons, kept by the worker's jobs).
 *
 * @param rawResultsFrom check_results hold every result whose slot is at or after this
 * @param hourlyRollupsFrom hourly rollups are complete for hours at or after this
 * @param statusChangesFrom status_changes hold every change at or after this
 * @param dailyRollupsUntil daily rollups are final for the days before this
 */
record Horizons(
        Instant rawResultsFrom, Instant hourlyRollupsFrom, Instant statusChangesFrom, Instant dailyRollupsUntil) {}
