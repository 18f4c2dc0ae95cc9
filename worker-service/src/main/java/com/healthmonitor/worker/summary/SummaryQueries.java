package com.healthmonitor.worker.summary;

import com.healthmonitor.common.alert.DailySummary;
import com.healthmonitor.common.maintenance.MaintenanceDowntimes;
import com.healthmonitor.common.maintenance.MaintenanceDowntimes.InMaintenance;
import com.healthmonitor.worker.maintenance.Maintenance;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The numbers of the daily summary, over the 24 hours before {@code now}: current counts, time spent DOWN and
 * incidents per monitor (from status_changes, time-weighted; those inside maintenance windows left out, as
 * {@code /stats} leaves them out: {@link MaintenanceDowntimes}), and uptime and p95 latency from the check results
 * (results taken during maintenance are not counted; a failure counts only in a slot confirmed failed).
 */
@Component
class SummaryQueries {

    static final int TOP = 5;

    private final JdbcClient jdbc;
    private final Maintenance maintenance;
    private final MaintenanceDowntimes downtimes;

    SummaryQueries(JdbcClient jdbc, Maintenance maintenance) {
        this.jdbc = jdbc;
        this.maintenance = maintenance;
        this.downtimes = new MaintenanceDowntimes(jdbc);
    }

    DailySummary summary(LocalDate date, Instant now) {
        var from = now.minus(Duration.ofHours(24)).atOffset(ZoneOffset.UTC);
        var to = now.atOffset(ZoneOffset.UTC);
        int[] counts = jdbc.sql("""
                        SELECT count(*) FILTER (WHERE enabled AND status = 'UP'),
                               count(*) FILTER (WHERE enabled AND status = 'DOWN'),
                               count(*) FILTER (WHERE NOT enabled OR status NOT IN ('UP', 'DOWN'))
                        FROM monitors""")
                .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)})
                .single();
        // Each DOWN stretch: from a change to DOWN (or the window's start, if DOWN then) to the next change (or now).
        List<DailySummary.Incident> incidents = jdbc.sql("""
                        WITH edges AS (
                            SELECT s.monitor_id, s.changed_at, s.new_status,
                                   lead(s.changed_at) OVER (PARTITION BY s.monitor_id ORDER BY s.changed_at, s.id)
                                       AS next_at
                            FROM status_changes s
                            WHERE s.new_status IS NOT NULL AND s.changed_at < :to
                              AND (s.changed_at >= :from OR s.id IN (
                                  SELECT DISTINCT ON (p.monitor_id) p.id FROM status_changes p
                                  WHERE p.new_status IS NOT NULL AND p.changed_at < :from
                                  ORDER BY p.monitor_id, p.changed_at DESC, p.id DESC)))
                        SELECT m.id, m.name,
                               sum(extract(epoch FROM least(coalesce(e.next_at, :to), :to)
                                                      - greatest(e.changed_at, :from)))::bigint AS down_seconds,
                               count(*) FILTER (WHERE e.changed_at >= :from) AS incidents
                        FROM edges e JOIN monitors m ON m.id = e.monitor_id
                        WHERE e.new_status = 'DOWN' AND coalesce(e.next_at, :to) > :from
                        GROUP BY m.id, m.name
                        ORDER BY down_seconds DESC, m.id""")
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> new DailySummary.Incident(
                        rs.getLong("id"), rs.getString("name"), rs.getLong("down_seconds"), rs.getInt("incidents")))
                .list();
        incidents = outsideMaintenance(incidents, from.toInstant(), now);
        // Uptime as the API counts it: each location's result is a check, failed only when its slot was confirmed
        // failed (at least min_failing_locations locations failed it); one location's failures alone are not downtime.
        List<DailySummary.Uptime> uptimes = jdbc.sql("""
                        WITH slots AS (
                            SELECT r.monitor_id, r.slot, count(*) AS checks,
                                   count(*) FILTER (WHERE NOT r.success) AS failures
                            FROM check_results r
                            WHERE r.checked_at >= :from AND r.checked_at < :to AND NOT r.in_maintenance
                            GROUP BY r.monitor_id, r.slot)
                        SELECT m.id, m.name,
                               100.0 * sum(s.checks - CASE WHEN s.failures >= m.min_failing_locations
                                                           THEN s.failures ELSE 0 END)
                                     / sum(s.checks) AS uptime
                        FROM slots s JOIN monitors m ON m.id = s.monitor_id
                        GROUP BY m.id, m.name
                        ORDER BY uptime, m.id
                        LIMIT :top""")
                .param("from", from)
                .param("to", to)
                .param("top", TOP)
                .query((rs, n) -> new DailySummary.Uptime(rs.getLong("id"), rs.getString("name"), rs.getDouble(3)))
                .list();
        List<DailySummary.Latency> slowest = jdbc.sql("""
                        SELECT m.id, m.name,
                               percentile_disc(0.95) WITHIN GROUP (ORDER BY r.latency_ms) AS p95
                        FROM check_results r JOIN monitors m ON m.id = r.monitor_id
                        WHERE r.checked_at >= :from AND r.checked_at < :to AND NOT r.in_maintenance
                        GROUP BY m.id, m.name
                        ORDER BY p95 DESC, m.id
                        LIMIT :top""")
                .param("from", from)
                .param("to", to)
                .param("top", TOP)
                .query((rs, n) -> new DailySummary.Latency(rs.getLong("id"), rs.getString("name"), rs.getInt(3)))
                .list();
        return new DailySummary(date, counts[0], counts[1], counts[2], incidents, uptimes, slowest);
    }

    /**
     * The incidents without their time and transitions inside maintenance windows; a monitor DOWN only inside them
     * is not listed. Longest downtime first, as before.
     */
    private List<DailySummary.Incident> outsideMaintenance(
            List<DailySummary.Incident> incidents, Instant from, Instant to) {
        if (incidents.isEmpty()) {
            return incidents;
        }
        Map<Long, InMaintenance> inside = downtimes.perMonitor(
                "m.id IN (:ids)",
                Map.of(
                        "ids",
                        incidents.stream().map(DailySummary.Incident::monitorId).toList()),
                maintenance.windows(),
                from,
                to);
        return incidents.stream()
                .map(incident -> {
                    InMaintenance part = inside.getOrDefault(incident.monitorId(), InMaintenance.NONE);
                    long seconds = incident.downtimeSeconds()
                            - part.seconds().setScale(0, RoundingMode.HALF_UP).longValue();
                    return new DailySummary.Incident(incident.monitorId(), incident.name(), Math.max(0, seconds), (int)
                            Math.max(0, incident.incidents() - part.incidents()));
                })
                .filter(incident -> incident.downtimeSeconds() > 0 || incident.incidents() > 0)
                .sorted(Comparator.comparingLong(DailySummary.Incident::downtimeSeconds)
                        .reversed()
                        .thenComparingLong(DailySummary.Incident::monitorId))
                .toList();
    }
}
