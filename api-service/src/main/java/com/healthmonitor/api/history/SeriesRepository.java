package com.healthmonitor.api.history;

import com.healthmonitor.api.history.HistoryResponses.SeriesBucket;
import com.healthmonitor.api.history.HistoryResponses.SeriesLatency;
import com.healthmonitor.api.history.WindowPlan.Span;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A monitor's statistics per bucket of {@code step} seconds, keyed by the bucket's start: from raw results (exact
 * mean and p95) for steps under an hour, else from the rollups, daily ones where they are final.
 */
@Repository
class SeriesRepository {

    private final JdbcClient jdbc;

    SeriesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Instant, SeriesBucket> raw(long id, Span span, long step) {
        Map<Instant, SeriesBucket> buckets = new HashMap<>();
        jdbc.sql("""
                        SELECT floor(extract(EPOCH FROM slot) / :step)::bigint * :step AS bucket, count(*) AS checks,
                               count(*) FILTER (WHERE confirmed_failure) AS failures,
                               avg(latency_ms) FILTER (WHERE responded) AS avg,
                               percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms)
                                   FILTER (WHERE responded) AS p95
                        FROM (
                            -- A result counts as failed when its slot was confirmed failed (see the rollups).
                            SELECT r.slot, r.latency_ms, r.responded,
                                   count(*) FILTER (WHERE NOT r.success) OVER (PARTITION BY r.slot)
                                       >= m.min_failing_locations AS confirmed_failure
                            FROM check_results r JOIN monitors m ON m.id = r.monitor_id
                            WHERE r.monitor_id = :id AND r.slot >= CAST(:from AS timestamptz)
                              AND r.slot < CAST(:to AS timestamptz) AND NOT r.in_maintenance) results
                        GROUP BY 1""")
                .param("step", step)
                .param("id", id)
                .param("from", span.from().toString())
                .param("to", span.to().toString())
                .query(rs -> {
                    Instant start = Instant.ofEpochSecond(rs.getLong("bucket"));
                    long checks = rs.getLong("checks");
                    long failures = rs.getLong("failures");
                    BigDecimal avg = rs.getBigDecimal("avg");
                    Integer p95 = rs.getObject("p95", Integer.class);
                    SeriesLatency latency = avg == null
                            ? null
                            : new SeriesLatency(
                                    avg.setScale(1, RoundingMode.HALF_UP),
                                    BigDecimal.valueOf(p95).setScale(1, RoundingMode.HALF_UP));
                    buckets.put(
                            start,
                            new SeriesBucket(start, checks, failures, Uptimes.percent(checks, failures), latency));
                });
        return buckets;
    }

    /** Buckets from the daily rollups of {@code daily} and the hourly rollups of {@code hourly}. */
    Map<Instant, SeriesBucket> rollups(long id, List<Span> daily, List<Span> hourly, long step) {
        Map<Instant, SeriesBucket> buckets = new HashMap<>();
        jdbc.sql("SELECT floor(extract(EPOCH FROM at) / :step)::bigint * :step AS bucket, " + WindowTotals.SUMS + """
                         FROM (
                            SELECT r.day AS at, r.checks, r.failures, r.latency_count, r.latency_sum, r.latency_min,
                                   r.latency_max, r.latency_histogram
                            FROM check_rollups_daily r
                            JOIN unnest(CAST(:daily_from AS timestamptz[]), CAST(:daily_to AS timestamptz[]))
                                AS s (span_from, span_to) ON r.day >= s.span_from AND r.day < s.span_to
                            WHERE r.monitor_id = :id
                            UNION ALL
                            SELECT r.hour, r.checks, r.failures, r.latency_count, r.latency_sum, r.latency_min,
                                   r.latency_max, r.latency_histogram
                            FROM check_rollups_hourly r
                            JOIN unnest(CAST(:hourly_from AS timestamptz[]), CAST(:hourly_to AS timestamptz[]))
                                AS s (span_from, span_to) ON r.hour >= s.span_from AND r.hour < s.span_to
                            WHERE r.monitor_id = :id) parts
                        GROUP BY 1""")
                .param("step", step)
                .param("id", id)
                .params(SpanParameters.of("daily", daily))
                .params(SpanParameters.of("hourly", hourly))
                .query(rs -> {
                    Instant start = Instant.ofEpochSecond(rs.getLong("bucket"));
                    WindowTotals totals = WindowTotals.read(rs);
                    buckets.put(
                            start,
                            new SeriesBucket(
                                    start,
                                    totals.checks(),
                                    totals.failures(),
                                    totals.uptimePercent(),
                                    totals.seriesLatency()));
                });
        return buckets;
    }
}
