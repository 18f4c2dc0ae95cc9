package com.healthmonitor.api.statuspage;

import static com.healthmonitor.common.database.Timestamps.instant;

import com.healthmonitor.api.history.MaintenanceDowntime;
import com.healthmonitor.api.history.UptimeRepository;
import com.healthmonitor.api.history.Uptimes;
import com.healthmonitor.api.statuspage.PageLayout.Placed;
import com.healthmonitor.api.statuspage.PublicStatus.Change;
import com.healthmonitor.api.statuspage.PublicStatus.Day;
import com.healthmonitor.api.statuspage.PublicStatus.Group;
import com.healthmonitor.api.statuspage.PublicStatus.MonitorStatus;
import com.healthmonitor.api.statuspage.PublicStatus.Overall;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a public status page in one snapshot. Day cells come from the daily rollups for the days they are final
 * for, and from the hourly rollups (incidents from status_changes) for the days since, as the history API does; the
 * incidents inside maintenance windows count nowhere, as in {@code /stats}.
 */
@Service
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
class PublicStatusQueries {

    static final int DAYS = 90;
    static final Duration RECENT_CHANGES = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final UptimeRepository uptimes;
    private final MaintenanceDowntime maintenance;
    private final Clock clock;

    PublicStatusQueries(JdbcClient jdbc, UptimeRepository uptimes, MaintenanceDowntime maintenance, Clock clock) {
        this.jdbc = jdbc;
        this.uptimes = uptimes;
        this.maintenance = maintenance;
        this.clock = clock;
    }

    Optional<PublicStatus> page(String slug) {
        Optional<PageRow> page = jdbc.sql("SELECT id, title, description FROM status_pages WHERE slug = :slug")
                .param("slug", slug)
                .query((rs, n) -> new PageRow(rs.getLong("id"), rs.getString("title"), rs.getString("description")))
                .optional();
        return page.map(this::read);
    }

    /** The monitor, if it is on the page with this slug: badges exist only for those. */
    Optional<BadgeMonitor> badgeMonitor(String slug, long monitorId) {
        return jdbc.sql("""
                        SELECT m.id, m.name, m.status, m.enabled FROM status_pages p JOIN monitors m ON m.id = :id
                        WHERE p.slug = :slug
                          AND (EXISTS (SELECT 1 FROM status_page_monitors e
                                       WHERE e.status_page_id = p.id AND e.monitor_id = m.id)
                               OR EXISTS (SELECT 1 FROM status_page_tag_groups g
                                          WHERE g.status_page_id = p.id
                                            AND monitor_tag_terms(m.tags) @> ARRAY[CAST(g.tag AS TEXT)]))""")
                .param("slug", slug)
                .param("id", monitorId)
                .query((rs, n) -> new BadgeMonitor(
                        rs.getLong("id"), rs.getString("name"), publicStatus(rs.getString("status"), rs)))
                .optional();
    }

    /** Uptime in percent over the last {@code window} (null without checks), as the monitor list counts it. */
    BigDecimal uptime(long monitorId, Duration window) {
        return uptimes.recent(monitorId, window).uptimePercent();
    }

    /** Mean response time in ms over the last {@code window} (null without responses). */
    Long meanLatency(long monitorId, Duration window) {
        return uptimes.recent(monitorId, window).meanLatencyMs();
    }

    private PublicStatus read(PageRow page) {
        Instant now = clock.instant();
        List<MonitorRow> ungrouped = new ArrayList<>();
        Map<String, List<MonitorRow>> listed = new LinkedHashMap<>();
        Map<String, Integer> starts = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT m.id, m.name, m.status, m.enabled, m.last_status_change_at, e.group_name, e.position
                        FROM status_page_monitors e JOIN monitors m ON m.id = e.monitor_id
                        WHERE e.status_page_id = :id ORDER BY e.position""").param("id", page.id()).query(rs -> {
            String group = rs.getString("group_name");
            if (group != null) {
                starts.putIfAbsent(group, rs.getInt("position"));
            }
            (group == null ? ungrouped : listed.computeIfAbsent(group, g -> new ArrayList<>())).add(monitorRow(rs));
        });
        List<Placed> order = PageLayout.order(starts, StatusPageService.tagGroups(jdbc, page.id()));
        // Listed monitors first, then the tagged ones up to the page's limit, in page order.
        int room = StatusPageValidator.MAX_MONITORS
                - ungrouped.size()
                - listed.values().stream().mapToInt(List::size).sum();
        Map<Placed, List<MonitorRow>> members = new LinkedHashMap<>();
        if (!ungrouped.isEmpty()) {
            members.put(new Placed(null, null), ungrouped);
        }
        for (Placed group : order) {
            List<MonitorRow> rows = group.tag() == null ? listed.get(group.name()) : tagged(group.tag(), room);
            room -= group.tag() == null ? 0 : rows.size();
            members.put(group, rows);
        }
        List<MonitorRow> shown = members.values().stream().flatMap(List::stream).toList();
        List<Long> ids = shown.stream().map(MonitorRow::id).distinct().toList();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1);
        Map<Long, Map<LocalDate, long[]>> cells = ids.isEmpty() ? Map.of() : dayCells(ids, first, now);

        List<Group> groups = new ArrayList<>();
        members.forEach((group, rows) -> groups.add(new Group(
                group.name(),
                rows.stream()
                        .map(row -> monitorStatus(row, cells.getOrDefault(row.id(), Map.of()), first))
                        .toList())));
        return new PublicStatus(page.title(), page.description(), now, overall(shown), groups, recentChanges(ids, now));
    }

    /** The monitors carrying {@code tag} (as the list's {@code ?tag=} matches), by name, at most {@code limit}. */
    private List<MonitorRow> tagged(String tag, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT m.id, m.name, m.status, m.enabled, m.last_status_change_at FROM monitors m
                        WHERE monitor_tag_terms(m.tags) @> ARRAY[CAST(:tag AS TEXT)]
                        ORDER BY m.name, m.id LIMIT :limit""")
                .param("tag", tag)
                .param("limit", limit)
                .query((rs, n) -> monitorRow(rs))
                .list();
    }

    private static MonitorRow monitorRow(ResultSet rs) throws SQLException {
        return new MonitorRow(
                rs.getLong("id"),
                rs.getString("name"),
                publicStatus(rs.getString("status"), rs),
                instant(rs, "last_status_change_at"));
    }

    private static MonitorStatus monitorStatus(MonitorRow row, Map<LocalDate, long[]> cells, LocalDate first) {
        List<Day> days = new ArrayList<>(DAYS);
        long checks = 0;
        long failures = 0;
        for (int i = 0; i < DAYS; i++) {
            LocalDate day = first.plusDays(i);
            long[] cell = cells.getOrDefault(day, new long[3]);
            checks += cell[0];
            failures += cell[1];
            days.add(new Day(day, cell[0], Uptimes.percent(cell[0], cell[1]), cell[2]));
        }
        return new MonitorStatus(
                row.id(), row.name(), row.status(), row.since(), Uptimes.percent(checks, failures), days);
    }

    private static Overall overall(List<MonitorRow> rows) {
        List<MonitorRow> watched =
                rows.stream().filter(row -> !row.status().equals("PAUSED")).toList();
        long down = watched.stream().filter(row -> row.status().equals("DOWN")).count();
        if (down == 0) {
            return Overall.OPERATIONAL;
        }
        return down == watched.size() ? Overall.MAJOR_OUTAGE : Overall.PARTIAL_OUTAGE;
    }

    /** Per monitor and UTC day: checks, failures, incidents (those inside maintenance left out). */
    private Map<Long, Map<LocalDate, long[]>> dayCells(List<Long> ids, LocalDate first, Instant now) {
        Map<Long, Map<LocalDate, long[]>> cells = new HashMap<>();
        OffsetDateTime from = first.atStartOfDay().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                        WITH h AS (SELECT daily_rollups_until AS until FROM history_horizons)
                        SELECT monitor_id, day, checks, failures, incidents FROM check_rollups_daily, h
                        WHERE monitor_id IN (:ids) AND day >= :from AND day < h.until
                        UNION ALL
                        SELECT monitor_id, date_trunc('day', hour, 'UTC'), sum(checks), sum(failures), 0
                        FROM check_rollups_hourly, h
                        WHERE monitor_id IN (:ids) AND hour >= greatest(:from, h.until)
                        GROUP BY 1, 2
                        UNION ALL
                        SELECT monitor_id, date_trunc('day', changed_at, 'UTC'), 0, 0, count(*)
                        FROM status_changes, h
                        WHERE monitor_id IN (:ids) AND new_status = 'DOWN' AND changed_at >= greatest(:from, h.until)
                        GROUP BY 1, 2""").param("ids", ids).param("from", from).query(rs -> {
            LocalDate day = LocalDate.ofInstant(instant(rs, "day"), ZoneOffset.UTC);
            long[] cell = cells.computeIfAbsent(rs.getLong("monitor_id"), id -> new HashMap<>())
                    .computeIfAbsent(day, d -> new long[3]);
            cell[0] += rs.getLong("checks");
            cell[1] += rs.getLong("failures");
            cell[2] += rs.getLong("incidents");
        });
        maintenance
                .incidentsByDay(ids, from.toInstant(), now)
                .forEach((id, days) -> days.forEach((day, inMaintenance) -> {
                    long[] cell = cells.getOrDefault(id, Map.of()).get(day);
                    if (cell != null) {
                        cell[2] = Math.max(0, cell[2] - inMaintenance);
                    }
                }));
        return cells;
    }

    private List<Change> recentChanges(List<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT s.monitor_id, m.name, s.old_status, s.new_status, s.changed_at
                        FROM status_changes s JOIN monitors m ON m.id = s.monitor_id
                        WHERE s.monitor_id IN (:ids) AND s.changed_at >= :since
                        ORDER BY s.changed_at DESC, s.id DESC LIMIT 100""")
                .param("ids", ids)
                .param("since", now.minus(RECENT_CHANGES).atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Change(
                        rs.getLong("monitor_id"),
                        rs.getString("name"),
                        rs.getString("old_status"),
                        rs.getString("new_status"),
                        instant(rs, "changed_at")))
                .list();
    }

    private static String publicStatus(String status, ResultSet rs) throws SQLException {
        return rs.getBoolean("enabled") ? status : "PAUSED";
    }

    private record PageRow(long id, String title, String description) {}

    private record MonitorRow(long id, String name, String status, Instant since) {}

    record BadgeMonitor(long id, String name, String status) {}
}
