package com.healthmonitor.api.history;

import static com.healthmonitor.common.database.Timestamps.instant;

import com.healthmonitor.api.history.HistoryResponses.Alert;
import com.healthmonitor.api.history.HistoryResponses.CheckEntry;
import com.healthmonitor.api.history.HistoryResponses.FleetStats;
import com.healthmonitor.api.history.HistoryResponses.Latency;
import com.healthmonitor.api.history.HistoryResponses.SeriesBucket;
import com.healthmonitor.api.history.HistoryResponses.SeriesLatency;
import com.healthmonitor.api.history.HistoryResponses.Stats;
import com.healthmonitor.api.history.HistoryResponses.StatusChangeEntry;
import com.healthmonitor.api.history.RequestParameters.Window;
import com.healthmonitor.api.history.WindowPlan.Span;
import com.healthmonitor.common.monitor.MonitorStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Reads the check history: raw results, status changes, and statistics over any window from the rollups (see
 * {@link WindowPlan} for which data answers which part of a window). Every method reads one snapshot.
 */
@Service
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class HistoryQueries {

    private static final String ONE_MONITOR = "monitor_id = :id";
    private static final String ENABLED_MONITORS = "monitor_id IN (SELECT id FROM monitors WHERE enabled)";

    private final JdbcClient jdbc;
    private final Clock clock;

    HistoryQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Uptime over the last 24 h and 30 d of each monitor, from the rollups, in one query for the whole page. Per table
     * and stretch of time it reads, one index range scan over all monitors of the page sums every window that needs
     * the stretch (the 24 h window and the end of the 30 d one read the same hourly rows); one scan over many monitors
     * costs far less than one per monitor.
     */
    public Map<Long, Uptimes> uptimes(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Instant now = clock.instant();
        Horizons horizons = horizons();
        Instant end = WindowPlan.ceil(now, ChronoUnit.HOURS);
        List<WindowPlan> windows = List.of(
                WindowPlan.of(WindowPlan.floor(now.minus(Duration.ofHours(24)), ChronoUnit.HOURS), end, horizons),
                WindowPlan.of(WindowPlan.floor(now.minus(Duration.ofDays(30)), ChronoUnit.HOURS), end, horizons));
        Map<String, Object> params = new HashMap<>();
        params.put("ids", ids.stream().map(String::valueOf).collect(Collectors.joining(",")));
        List<String> scans = new ArrayList<>();
        for (Source source : Source.values()) {
            scans.addAll(windowSums(source, windows, params));
        }
        // Checks and failures per window: c0, f0, c1, f1.
        Map<Long, long[]> sums = new HashMap<>();
        jdbc.sql(String.join(" UNION ALL ", scans)).params(params).query(rs -> {
            long[] sum = sums.computeIfAbsent(rs.getLong("monitor_id"), id -> new long[2 * windows.size()]);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += rs.getLong(i + 2);
            }
        });
        Map<Long, Uptimes> result = new HashMap<>();
        for (Long id : ids) {
            long[] sum = sums.get(id);
            result.put(
                    id,
                    sum == null
                            ? Uptimes.NONE
                            : new Uptimes(uptimePercent(sum[0], sum[1]), uptimePercent(sum[2], sum[3])));
        }
        return result;
    }

    /** Where the checks and failures of a window's parts are counted. */
    private enum Source {
        DAILY("d", "check_rollups_daily", "day", "checks", "failures", "", WindowPlan::dailySpans),
        HOURLY("h", "check_rollups_hourly", "hour", "checks", "failures", "", WindowPlan::hourly),
        // Results taken during maintenance stay out, as they stay out of the rollups.
        RAW(
                "r",
                "check_results",
                "slot",
                "1",
                "CASE WHEN success THEN 0 ELSE 1 END",
                " AND NOT in_maintenance",
                WindowPlan::raw);

        final String alias;
        final String table;
        final String column;
        final String checks;
        final String failures;
        final String filter;
        final Function<WindowPlan, List<Span>> spans;

        Source(
                String alias,
                String table,
                String column,
                String checks,
                String failures,
                String filter,
                Function<WindowPlan, List<Span>> spans) {
            this.alias = alias;
            this.table = table;
            this.column = column;
            this.checks = checks;
            this.failures = failures;
            this.filter = filter;
            this.spans = spans;
        }
    }

    /**
     * Selects of one source, one per stretch of time some window needs from it (the parts of a window can be far
     * apart: the 30-day window reads hourly rows of its first and its last day, and nothing between), each summing
     * checks and failures of the page's monitors for each window ({@code monitor_id, c0, f0, c1, ...}).
     */
    private static List<String> windowSums(Source source, List<WindowPlan> windows, Map<String, Object> params) {
        List<List<Span>> spansOfWindow = windows.stream().map(source.spans).toList();
        List<String> selects = new ArrayList<>();
        List<Span> stretches =
                union(spansOfWindow.stream().flatMap(List::stream).toList());
        for (int s = 0; s < stretches.size(); s++) {
            Span stretch = stretches.get(s);
            StringBuilder select = new StringBuilder("SELECT monitor_id");
            for (int w = 0; w < windows.size(); w++) {
                List<Span> spans = spansOfWindow.get(w);
                if (spans.stream().noneMatch(span -> overlaps(span, stretch))) {
                    select.append(", 0, 0");
                    continue;
                }
                String inWindow = spans.stream().anyMatch(span -> contains(span, stretch))
                        ? ""
                        : " FILTER (WHERE " + spans(source.column, spans, source.alias + w, params) + ")";
                select.append(", sum(" + source.checks + ")" + inWindow + ", sum(" + source.failures + ")" + inWindow);
            }
            String prefix = source.alias + "s" + s;
            params.put(prefix + "a", utc(stretch.from()));
            params.put(prefix + "b", utc(stretch.to()));
            select.append(" FROM " + source.table + " WHERE monitor_id = ANY(string_to_array(:ids, ',')::bigint[])"
                    + " AND " + source.column + " >= :" + prefix + "a AND " + source.column + " < :" + prefix + "b"
                    + source.filter + " GROUP BY monitor_id");
            selects.add(select.toString());
        }
        return selects;
    }

    /** The smallest list of disjoint spans covering the given ones, in order. */
    private static List<Span> union(List<Span> spans) {
        List<Span> sorted =
                spans.stream().sorted(Comparator.comparing(Span::from)).toList();
        List<Span> union = new ArrayList<>();
        for (Span span : sorted) {
            Span last = union.isEmpty() ? null : union.getLast();
            if (last != null && !span.from().isAfter(last.to())) {
                union.set(
                        union.size() - 1, new Span(last.from(), span.to().isAfter(last.to()) ? span.to() : last.to()));
            } else {
                union.add(span);
            }
        }
        return union;
    }

    private static boolean contains(Span outer, Span inner) {
        return !outer.from().isAfter(inner.from()) && !outer.to().isBefore(inner.to());
    }

    private static boolean overlaps(Span a, Span b) {
        return a.from().isBefore(b.to()) && b.from().isBefore(a.to());
    }

    List<CheckEntry> checks(long id, Instant before, int limit) {
        requireMonitor(id);
        String sql = "SELECT checked_at, success, status_code, latency_ms, error FROM check_results"
                + " WHERE monitor_id = :id" + (before == null ? "" : " AND checked_at < :before")
                + " ORDER BY checked_at DESC LIMIT :limit";
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("id", id).param("limit", limit);
        if (before != null) {
            statement = statement.param("before", utc(before));
        }
        return statement
                .query((rs, n) -> new CheckEntry(
                        instant(rs, "checked_at"),
                        rs.getBoolean("success"),
                        (Integer) rs.getObject("status_code"),
                        rs.getInt("latency_ms"),
                        rs.getString("error")))
                .list();
    }

    List<StatusChangeEntry> statusChanges(long id, Instant before, int limit) {
        requireMonitor(id);
        String sql = "SELECT id, changed_at, old_status, new_status, reason, delivery, attempts, sent_at, last_error"
                + " FROM status_changes WHERE monitor_id = :id AND kind = 'STATUS_CHANGE'"
                + (before == null ? "" : " AND changed_at < :before")
                + " ORDER BY changed_at DESC, id DESC LIMIT :limit";
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("id", id).param("limit", limit);
        if (before != null) {
            statement = statement.param("before", utc(before));
        }
        return statement
                .query((rs, n) -> new StatusChangeEntry(
                        rs.getLong("id"),
                        instant(rs, "changed_at"),
                        rs.getString("old_status"),
                        rs.getString("new_status"),
                        rs.getString("reason"),
                        new Alert(
                                rs.getString("delivery"),
                                rs.getInt("attempts"),
                                instant(rs, "sent_at"),
                                rs.getString("last_error"))))
                .list();
    }

    Stats stats(long id, Window window) {
        requireMonitor(id);
        WindowPlan plan = WindowPlan.of(window.from(), window.to(), horizons());
        Aggregate aggregate = aggregate(plan, ONE_MONITOR, "ARRAY[:id]::bigint[]", Map.of("id", id));
        return new Stats(
                plan.from(),
                plan.to(),
                aggregate.checks,
                aggregate.failures,
                uptimePercent(aggregate.checks, aggregate.failures),
                aggregate.downtimeSeconds(),
                aggregate.incidents,
                aggregate.latency());
    }

    FleetStats fleet(Window window) {
        WindowPlan plan = WindowPlan.of(window.from(), window.to(), horizons());
        Aggregate aggregate = aggregate(
                plan,
                ENABLED_MONITORS,
                "coalesce((SELECT array_agg(id) FROM monitors WHERE enabled), '{}'::bigint[])",
                Map.of());
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (MonitorStatus status : MonitorStatus.values()) {
            byStatus.put(status.name(), 0L);
        }
        jdbc.sql("SELECT status, count(*) FROM monitors WHERE enabled GROUP BY status")
                .query(rs -> {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                });
        long monitors = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new FleetStats(
                plan.from(),
                plan.to(),
                monitors,
                byStatus,
                aggregate.checks,
                aggregate.failures,
                uptimePercent(aggregate.checks, aggregate.failures),
                aggregate.downtimeSeconds(),
                aggregate.incidents,
                aggregate.latency());
    }

    List<SeriesBucket> series(long id, Window window, Duration step) {
        requireMonitor(id);
        Horizons horizons = horizons();
        long stepSeconds = step.toSeconds();
        Instant from = Instant.ofEpochSecond(Math.floorDiv(window.from().getEpochSecond(), stepSeconds) * stepSeconds);
        Instant to = window.to();
        TreeMap<Instant, BucketTotals> buckets = new TreeMap<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(step)) {
            buckets.put(start, new BucketTotals());
        }
        if (step.compareTo(Duration.ofHours(1)) < 0) {
            requireAvailable(from, horizons.rawResultsFrom(), "raw results, needed for steps under 1h,");
            rawSeries(id, from, to, stepSeconds, buckets);
        } else if (step.compareTo(Duration.ofDays(1)) < 0) {
            requireAvailable(from, horizons.hourlyRollupsFrom(), "hourly rollups, needed for steps under 1d,");
            rollupSeries("check_rollups_hourly", "hour", id, from, to, stepSeconds, buckets);
        } else {
            Instant daily = horizons.dailyRollupsUntil().isBefore(to) ? horizons.dailyRollupsUntil() : to;
            if (from.isBefore(daily)) {
                rollupSeries("check_rollups_daily", "day", id, from, daily, stepSeconds, buckets);
            }
            rollupSeries(
                    "check_rollups_hourly", "hour", id, from.isBefore(daily) ? daily : from, to, stepSeconds, buckets);
        }
        List<SeriesBucket> series = new ArrayList<>();
        buckets.forEach((start, totals) -> series.add(totals.toBucket(start)));
        return series;
    }

    private void rawSeries(long id, Instant from, Instant to, long stepSeconds, Map<Instant, BucketTotals> buckets) {
        jdbc.sql("""
                        SELECT floor(extract(EPOCH FROM slot) / :step)::bigint * :step AS bucket, count(*) AS checks,
                               count(*) FILTER (WHERE NOT success) AS failures,
                               avg(latency_ms) FILTER (WHERE responded) AS avg,
                               percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms)
                                   FILTER (WHERE responded) AS p95
                        FROM check_results WHERE monitor_id = :id AND slot >= :from AND slot < :to
                          AND NOT in_maintenance
                        GROUP BY 1""")
                .param("step", stepSeconds)
                .param("id", id)
                .param("from", utc(from))
                .param("to", utc(to))
                .query(rs -> {
                    BucketTotals totals = buckets.get(Instant.ofEpochSecond(rs.getLong("bucket")));
                    if (totals != null) {
                        totals.checks = rs.getLong("checks");
                        totals.failures = rs.getLong("failures");
                        BigDecimal avg = rs.getBigDecimal("avg");
                        totals.exactAvg = avg == null ? null : avg.setScale(1, RoundingMode.HALF_UP);
                        Object p95 = rs.getObject("p95");
                        totals.exactP95 = p95 == null
                                ? null
                                : BigDecimal.valueOf(((Number) p95).longValue()).setScale(1, RoundingMode.HALF_UP);
                    }
                });
    }

    private void rollupSeries(
            String table,
            String column,
            long id,
            Instant from,
            Instant to,
            long stepSeconds,
            Map<Instant, BucketTotals> buckets) {
        jdbc.sql("SELECT " + column + " AS at, checks, failures, latency_count, latency_sum, latency_min, latency_max,"
                        + " array_lower(latency_histogram, 1) AS first_bucket,"
                        + " latency_histogram[array_lower(latency_histogram, 1) : array_upper(latency_histogram, 1)]"
                        + " AS histogram FROM " + table + " WHERE monitor_id = :id AND " + column + " >= :from AND "
                        + column + " < :to")
                .param("id", id)
                .param("from", utc(from))
                .param("to", utc(to))
                .query(rs -> {
                    long at = instant(rs, "at").getEpochSecond();
                    BucketTotals totals =
                            buckets.get(Instant.ofEpochSecond(Math.floorDiv(at, stepSeconds) * stepSeconds));
                    if (totals != null) {
                        totals.add(rs);
                    }
                });
    }

    private static void requireAvailable(Instant from, Instant availableFrom, String what) {
        if (from.isBefore(availableFrom)) {
            throw RequestParameters.invalid(
                    "step", "is too fine for this window: " + what + " are kept from " + availableFrom + " on");
        }
    }

    private Aggregate aggregate(WindowPlan plan, String filter, String idsArray, Map<String, Object> baseParams) {
        Aggregate aggregate = new Aggregate();
        if (!plan.from().isBefore(plan.to())) {
            return aggregate;
        }
        Map<String, Object> params = new HashMap<>(baseParams);
        String parts = totalsParts(plan, filter, params);
        jdbc.sql("SELECT coalesce(sum(checks), 0) AS checks, coalesce(sum(failures), 0) AS failures,"
                        + " coalesce(sum(latency_count), 0) AS latency_count,"
                        + " coalesce(sum(latency_sum), 0) AS latency_sum,"
                        + " min(latency_min) AS latency_min, max(latency_max) AS latency_max FROM (" + parts + ") s")
                .params(params)
                .query(rs -> {
                    aggregate.checks = rs.getLong("checks");
                    aggregate.failures = rs.getLong("failures");
                    aggregate.latencyCount = rs.getLong("latency_count");
                    aggregate.latencySum = rs.getLong("latency_sum");
                    aggregate.latencyMin = (Integer) rs.getObject("latency_min");
                    aggregate.latencyMax = (Integer) rs.getObject("latency_max");
                });
        if (aggregate.latencyCount > 0) {
            jdbc.sql("SELECT b, sum(n) AS n FROM (" + histogramParts(plan, filter, params) + ") h"
                            + " WHERE n IS NOT NULL GROUP BY b")
                    .params(params)
                    .query(rs -> {
                        aggregate.histogram.add(rs.getInt("b"), rs.getLong("n"));
                    });
        }
        List<String> downtime = new ArrayList<>();
        if (plan.daily() != null) {
            downtime.add("SELECT downtime_seconds, incidents FROM check_rollups_daily WHERE " + filter + " AND "
                    + spans("day", List.of(plan.daily()), "sD", params));
        }
        for (int i = 0; i < plan.statusChanges().size(); i++) {
            Span span = plan.statusChanges().get(i);
            params.put("sC" + i + "a", utc(span.from()));
            params.put("sC" + i + "b", utc(span.to()));
            downtime.add("SELECT downtime_seconds, incidents FROM monitor_downtime(" + idsArray + ", :sC" + i + "a, :sC"
                    + i + "b)");
        }
        if (!downtime.isEmpty()) {
            jdbc.sql("SELECT coalesce(sum(downtime_seconds), 0) AS downtime, coalesce(sum(incidents), 0) AS incidents"
                            + " FROM (" + String.join(" UNION ALL ", downtime) + ") d")
                    .params(params)
                    .query(rs -> {
                        aggregate.downtime = rs.getBigDecimal("downtime");
                        aggregate.incidents = rs.getLong("incidents");
                    });
        }
        return aggregate;
    }

    /** SELECTs of (checks, failures, latency_*) for each part of the plan, joined by UNION ALL. */
    private static String totalsParts(WindowPlan plan, String filter, Map<String, Object> params) {
        String columns = "checks, failures, latency_count, latency_sum, latency_min, latency_max";
        List<String> parts = new ArrayList<>();
        if (plan.daily() != null) {
            parts.add("SELECT " + columns + " FROM check_rollups_daily WHERE " + filter + " AND "
                    + spans("day", List.of(plan.daily()), "sD", params));
        }
        if (!plan.hourly().isEmpty()) {
            parts.add("SELECT " + columns + " FROM check_rollups_hourly WHERE " + filter + " AND "
                    + spans("hour", plan.hourly(), "sH", params));
        }
        if (!plan.raw().isEmpty()) {
            parts.add("SELECT 1 AS checks,"
                    + " CASE WHEN success THEN 0 ELSE 1 END AS failures,"
                    + " CASE WHEN responded THEN 1 ELSE 0 END AS latency_count,"
                    + " CASE WHEN responded THEN latency_ms ELSE 0 END AS latency_sum,"
                    + " CASE WHEN responded THEN latency_ms END AS latency_min,"
                    + " CASE WHEN responded THEN latency_ms END AS latency_max"
                    // Results taken during maintenance stay out, as they stay out of the rollups.
                    + " FROM check_results WHERE NOT in_maintenance AND " + filter + " AND "
                    + spans("slot", plan.raw(), "sR", params));
        }
        if (parts.isEmpty()) {
            parts.add("SELECT 0 AS checks, 0 AS failures, 0 AS latency_count, 0::bigint AS latency_sum,"
                    + " NULL::int AS latency_min, NULL::int AS latency_max WHERE false");
        }
        return String.join(" UNION ALL ", parts);
    }

    /** SELECTs of (b, n): histogram bucket and count, for each part of the plan; same parameters as the totals. */
    private static String histogramParts(WindowPlan plan, String filter, Map<String, Object> params) {
        List<String> parts = new ArrayList<>();
        if (plan.daily() != null) {
            parts.add("SELECT b, latency_histogram[b] AS n FROM check_rollups_daily,"
                    + " generate_subscripts(latency_histogram, 1) AS b WHERE " + filter + " AND "
                    + spans("day", List.of(plan.daily()), "sD", params));
        }
        if (!plan.hourly().isEmpty()) {
            parts.add("SELECT b, latency_histogram[b] AS n FROM check_rollups_hourly,"
                    + " generate_subscripts(latency_histogram, 1) AS b WHERE " + filter + " AND "
                    + spans("hour", plan.hourly(), "sH", params));
        }
        if (!plan.raw().isEmpty()) {
            parts.add("SELECT latency_bucket(latency_ms) AS b, 1 AS n FROM check_results"
                    + " WHERE responded AND NOT in_maintenance AND " + filter + " AND "
                    + spans("slot", plan.raw(), "sR", params));
        }
        return String.join(" UNION ALL ", parts);
    }

    private static String spans(String column, List<Span> spans, String prefix, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            params.put(prefix + i + "a", utc(spans.get(i).from()));
            params.put(prefix + i + "b", utc(spans.get(i).to()));
            conditions.add(column + " >= :" + prefix + i + "a AND " + column + " < :" + prefix + i + "b");
        }
        return "(" + String.join(" OR ", conditions) + ")";
    }

    private Horizons horizons() {
        return jdbc.sql("SELECT raw_results_from, hourly_rollups_from, status_changes_from, daily_rollups_until"
                        + " FROM history_horizons")
                .query((rs, n) -> new Horizons(
                        instant(rs, "raw_results_from"),
                        instant(rs, "hourly_rollups_from"),
                        instant(rs, "status_changes_from"),
                        instant(rs, "daily_rollups_until")))
                .single();
    }

    void requireMonitor(long id) {
        boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM monitors WHERE id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
        if (!exists) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No monitor with id " + id);
            problem.setTitle("Monitor not found");
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        }
    }

    static BigDecimal uptimePercent(long checks, long failures) {
        if (checks == 0) {
            return null;
        }
        return BigDecimal.valueOf(checks - failures)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(checks), 3, RoundingMode.HALF_UP);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Sums over a window. */
    private static final class Aggregate {
        long checks;
        long failures;
        long latencyCount;
        long latencySum;
        Integer latencyMin;
        Integer latencyMax;
        BigDecimal downtime = BigDecimal.ZERO;
        long incidents;
        final LatencyHistogram histogram = new LatencyHistogram();

        long downtimeSeconds() {
            return downtime.setScale(0, RoundingMode.HALF_UP).longValueExact();
        }

        Latency latency() {
            if (latencyCount == 0) {
                return new Latency(null, null, null, null, null, null);
            }
            return new Latency(
                    BigDecimal.valueOf(latencySum).divide(BigDecimal.valueOf(latencyCount), 1, RoundingMode.HALF_UP),
                    latencyMin,
                    latencyMax,
                    histogram.percentile(0.50, latencyMin, latencyMax),
                    histogram.percentile(0.95, latencyMin, latencyMax),
                    histogram.percentile(0.99, latencyMin, latencyMax));
        }
    }

    /** One series bucket being summed up. */
    private static final class BucketTotals {
        long checks;
        long failures;
        long latencyCount;
        long latencySum;
        Integer latencyMin;
        Integer latencyMax;
        BigDecimal exactAvg;
        BigDecimal exactP95;
        final LatencyHistogram histogram = new LatencyHistogram();

        void add(ResultSet rs) throws SQLException {
            checks += rs.getLong("checks");
            failures += rs.getLong("failures");
            latencyCount += rs.getLong("latency_count");
            latencySum += rs.getLong("latency_sum");
            Integer min = (Integer) rs.getObject("latency_min");
            Integer max = (Integer) rs.getObject("latency_max");
            latencyMin = min == null ? latencyMin : latencyMin == null ? min : Math.min(latencyMin, min);
            latencyMax = max == null ? latencyMax : latencyMax == null ? max : Math.max(latencyMax, max);
            Array histogram = rs.getArray("histogram");
            if (histogram != null) {
                this.histogram.add(rs.getInt("first_bucket"), (Integer[]) histogram.getArray());
            }
        }

        SeriesBucket toBucket(Instant start) {
            BigDecimal avg = exactAvg;
            BigDecimal p95 = exactP95;
            if (avg == null && latencyCount > 0) {
                avg = BigDecimal.valueOf(latencySum).divide(BigDecimal.valueOf(latencyCount), 1, RoundingMode.HALF_UP);
                p95 = histogram.percentile(0.95, latencyMin, latencyMax);
            }
            return new SeriesBucket(
                    start,
                    checks,
                    failures,
                    uptimePercent(checks, failures),
                    avg == null ? null : new SeriesLatency(avg, p95));
        }
    }
}
