package com.healthmonitor.worker.state;

import static com.healthmonitor.common.database.Timestamps.instant;

import com.healthmonitor.worker.result.CheckResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads back what the locations of monitors checked from several locations recorded, under the monitors' locks, so
 * that results written by other workers (or other transactions) count together with the batch's own.
 */
@Component
class SlotResultRows {

    private final JdbcClient jdbc;

    SlotResultRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per monitor, the results of every slot after its last applied one, by slot. */
    Map<Long, TreeMap<Instant, SlotResults>> unapplied(Collection<MonitorRows.Locked> monitors) {
        List<MonitorRows.Locked> list = List.copyOf(monitors);
        Map<Long, TreeMap<Instant, List<SlotResults.LocationResult>>> rows = new HashMap<>();
        jdbc.sql("""
                        SELECT r.monitor_id, r.slot, r.location, r.checked_at, r.success, r.status_code,
                               r.latency_ms, r.error, r.responded, r.in_maintenance
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:after AS timestamptz[])) AS v(id, after)
                        JOIN check_results r
                          ON r.monitor_id = v.id AND r.slot > coalesce(v.after, '-infinity'::timestamptz)""")
                .param("ids", Batches.longs(list, MonitorRows.Locked::id))
                .param("after", Batches.timestamps(list, MonitorRows.Locked::lastAppliedSlot))
                .query((rs, n) -> {
                    CheckResult result = new CheckResult(
                            instant(rs, "checked_at"),
                            rs.getBoolean("success"),
                            rs.getObject("status_code", Integer.class),
                            rs.getInt("latency_ms"),
                            rs.getString("error"),
                            null,
                            rs.getBoolean("responded"));
                    rows.computeIfAbsent(rs.getLong("monitor_id"), id -> new TreeMap<>())
                            .computeIfAbsent(instant(rs, "slot"), slot -> new ArrayList<>())
                            .add(new SlotResults.LocationResult(
                                    rs.getString("location"), result, rs.getBoolean("in_maintenance")));
                    return n;
                })
                .list();
        Map<Long, TreeMap<Instant, SlotResults>> slots = new HashMap<>();
        rows.forEach((id, bySlot) -> {
            TreeMap<Instant, SlotResults> results = new TreeMap<>();
            bySlot.forEach((slot, locations) -> results.put(slot, new SlotResults(slot, locations)));
            slots.put(id, results);
        });
        return slots;
    }

    /** For late results (their slot was applied already): whether their slot had enough failures to count as down. */
    Map<Recorded.Key, Boolean> confirmedDown(List<Recorded> late, Map<Long, MonitorRows.Locked> monitors) {
        if (late.isEmpty()) {
            return Map.of();
        }
        Map<Recorded.Key, Boolean> down = new HashMap<>();
        Map<String, Integer> failures = new HashMap<>();
        jdbc.sql("""
                        SELECT v.id, v.slot, count(*) FILTER (WHERE NOT r.success) AS failures
                        FROM (SELECT DISTINCT * FROM unnest(CAST(:ids AS bigint[]), CAST(:slots AS timestamptz[])))
                             AS v(id, slot)
                        JOIN check_results r ON r.monitor_id = v.id AND r.slot = v.slot
                        GROUP BY v.id, v.slot""")
                .param("ids", Batches.longs(late, Recorded::monitorId))
                .param("slots", Batches.timestamps(late, Recorded::slot))
                .query((rs, n) -> {
                    failures.put(rs.getLong("id") + "@" + instant(rs, "slot"), rs.getInt("failures"));
                    return n;
                })
                .list();
        for (Recorded result : late) {
            int failed = failures.getOrDefault(result.monitorId() + "@" + result.slot(), 0);
            down.put(result.key(), failed >= monitors.get(result.monitorId()).minFailingLocations());
        }
        return down;
    }
}
