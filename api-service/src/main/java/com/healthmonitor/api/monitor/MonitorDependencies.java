package com.healthmonitor.api.monitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dependency graph between monitors ({@code monitor_dependencies}) as the API checks it: the ids a monitor names
 * must exist, and a monitor may not depend on itself, directly or through others.
 */
@Repository
class MonitorDependencies {

    private final JdbcClient jdbc;

    MonitorDependencies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids among {@code ids} that name no monitor, in ascending order. */
    List<Long> missing(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT v.id FROM unnest(CAST(:ids AS bigint[])) AS v(id)
                        WHERE NOT EXISTS (SELECT 1 FROM monitors m WHERE m.id = v.id)
                        ORDER BY v.id""")
                .param("ids", ids.toArray(Long[]::new))
                .query(Long.class)
                .list();
    }

    /**
     * Serialises changes of the graph until the transaction ends: two concurrent updates (3 -> 7 and 7 -> 3) could
     * otherwise each find no cycle in what the other has not committed yet.
     */
    void lockGraph() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('monitor_dependencies_graph'))")
                .query()
                .singleRow();
    }

    /**
     * The cycle {@code monitorId} depending on {@code dependsOn} would close, shortest first, as the ids along it
     * from the monitor back to itself ({@code [3, 7, 3]}); empty when there is none. Call under {@link #lockGraph}.
     */
    Optional<List<Long>> cycle(long monitorId, List<Long> dependsOn) {
        if (dependsOn.isEmpty()) {
            return Optional.empty();
        }
        // Every edge reachable from the new dependencies (UNION: each once, so the walk ends), then the shortest
        // path back to the monitor, in memory.
        Map<Long, List<Long>> edges = new HashMap<>();
        jdbc.sql("""
                        WITH RECURSIVE reach (monitor_id, depends_on_id) AS (
                            SELECT monitor_id, depends_on_id FROM monitor_dependencies
                            WHERE monitor_id = ANY (CAST(:ids AS bigint[]))
                            UNION
                            SELECT d.monitor_id, d.depends_on_id
                            FROM monitor_dependencies d JOIN reach r ON d.monitor_id = r.depends_on_id
                            WHERE r.depends_on_id <> :id)
                        SELECT monitor_id, depends_on_id FROM reach ORDER BY monitor_id, depends_on_id""")
                .param("ids", dependsOn.toArray(Long[]::new))
                .param("id", monitorId)
                .query((rs, n) -> edges.computeIfAbsent(rs.getLong("monitor_id"), k -> new ArrayList<>())
                        .add(rs.getLong("depends_on_id")))
                .list();
        Map<Long, Long> reachedFrom = new HashMap<>();
        Deque<Long> queue = new ArrayDeque<>();
        for (long start : dependsOn) {
            reachedFrom.put(start, monitorId);
            queue.add(start);
        }
        while (!queue.isEmpty()) {
            long current = queue.poll();
            if (current == monitorId) {
                List<Long> path = new ArrayList<>();
                path.add(monitorId);
                for (long at = reachedFrom.get(monitorId); at != monitorId; at = reachedFrom.get(at)) {
                    path.add(at);
                }
                path.add(monitorId);
                Collections.reverse(path);
                return Optional.of(path);
            }
            for (long next : edges.getOrDefault(current, List.of())) {
                if (!reachedFrom.containsKey(next)) {
                    reachedFrom.put(next, current);
                    queue.add(next);
                }
            }
        }
        return Optional.empty();
    }
}
