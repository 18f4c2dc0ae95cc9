package com.healthmonitor.api.history;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Uptime over the last 24 h, 30 d, ... as the monitor list, status pages and badges show it: over
 * {@link WindowPlan#recent} (whole hours up to the end of the current one), as {@link Uptimes#percent}. The history
 * API's {@code /stats} counts the same rollups, so on an hour-aligned window all of them agree.
 */
@Repository
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class UptimeRepository {

    static final Duration DAY = Duration.ofHours(24);
    static final Duration MONTH = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final MonitorStatsRepository stats;
    private final Clock clock;

    UptimeRepository(JdbcClient jdbc, MonitorStatsRepository stats, Clock clock) {
        this.jdbc = jdbc;
        this.stats = stats;
        this.clock = clock;
    }

    /** A monitor's uptime and mean response time over the last {@code window}. */
    public record RecentUptime(BigDecimal uptimePercent, Long meanLatencyMs) {}

    public RecentUptime recent(long monitorId, Duration window) {
        WindowTotals totals = stats.totals(monitorId, WindowPlan.recent(clock.instant(), window, Horizons.read(jdbc)));
        return new RecentUptime(
                totals.uptimePercent(),
                totals.latencyCount() == 0 ? null : Math.round((double) totals.latencySum() / totals.latencyCount()));
    }

    /** Checks and failures, as {@code /stats} counts them. */
    public record Counts(long checks, long failures) {}

    /**
     * A monitor's checks and failures over [from, to), read as {@code /stats} reads a window (through
     * {@link WindowPlan}: exact where raw results are kept, widened to whole hours or days where not).
     */
    public Counts counts(long monitorId, Instant from, Instant to) {
        WindowTotals totals = stats.totals(monitorId, WindowPlan.of(from, to, Horizons.read(jdbc)));
        return new Counts(totals.checks(), totals.failures());
    }

    /**
     * A monitor's seconds DOWN outside maintenance over [from, to), as {@code /stats} counts
     * {@code downtime_seconds} (daily rollups for the whole days, status changes outside them).
     */
    public BigDecimal downtimeSeconds(long monitorId, Instant from, Instant to) {
        return stats.downtime(monitorId, WindowPlan.of(from, to, Horizons.read(jdbc)))
                .seconds();
    }

    /**
     * The 24 h and 30 d uptimes of a page of monitors in one query: per table, one index scan over all the page's
     * monitors for each span of each window (one scan over many monitors costs far less than one per monitor; the
     * daily rollups' primary key carries checks and failures, so those scans are index-only).
     */
    public Map<Long, Uptimes> uptimes(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Instant now = clock.instant();
        Horizons horizons = Horizons.read(jdbc);
        List<WindowPlan> windows =
                List.of(WindowPlan.recent(now, DAY, horizons), WindowPlan.recent(now, MONTH, horizons));
        List<Integer> windowIndexes = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        List<String> froms = new ArrayList<>();
        List<String> tos = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            for (var level : Map.of(
                            "daily",
                            windows.get(w).dailySpans(),
                            "hourly",
                            windows.get(w).hourly())
                    .entrySet()) {
                for (WindowPlan.Span span : level.getValue()) {
                    windowIndexes.add(w);
                    levels.add(level.getKey());
                    froms.add(span.from().toString());
                    tos.add(span.to().toString());
                }
            }
        }
        // Checks and failures per window index: [checks of 0, failures of 0, checks of 1, failures of 1].
        Map<Long, long[]> sums = new HashMap<>();
        jdbc.sql("""
                        WITH spans AS (
                            SELECT * FROM unnest(CAST(:windows AS int[]), CAST(:levels AS text[]),
                                                 CAST(:span_from AS timestamptz[]), CAST(:span_to AS timestamptz[]))
                                AS s (window_index, level, span_from, span_to)
                        )
                        SELECT s.window_index, r.monitor_id, sum(r.checks) AS checks, sum(r.failures) AS failures
                        FROM spans s
                        JOIN check_rollups_daily r ON r.day >= s.span_from AND r.day < s.span_to
                        WHERE s.level = 'daily' AND r.monitor_id = ANY (CAST(:ids AS bigint[]))
                        GROUP BY s.window_index, r.monitor_id
                        UNION ALL
                        SELECT s.window_index, r.monitor_id, sum(r.checks), sum(r.failures)
                        FROM spans s
                        JOIN check_rollups_hourly r ON r.hour >= s.span_from AND r.hour < s.span_to
                        WHERE s.level = 'hourly' AND r.monitor_id = ANY (CAST(:ids AS bigint[]))
                        GROUP BY s.window_index, r.monitor_id""")
                .param("windows", windowIndexes.toArray(Integer[]::new))
                .param("levels", levels.toArray(String[]::new))
                .param("span_from", froms.toArray(String[]::new))
                .param("span_to", tos.toArray(String[]::new))
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    long[] sum = sums.computeIfAbsent(rs.getLong("monitor_id"), id -> new long[2 * windows.size()]);
                    int window = rs.getInt("window_index");
                    sum[2 * window] += rs.getLong("checks");
                    sum[2 * window + 1] += rs.getLong("failures");
                });
        Map<Long, Uptimes> result = new HashMap<>();
        for (Long id : ids) {
            long[] sum = sums.get(id);
            result.put(
                    id,
                    sum == null
                            ? Uptimes.NONE
                            : new Uptimes(Uptimes.percent(sum[0], sum[1]), Uptimes.percent(sum[2], sum[3])));
        }
        return result;
    }
}
