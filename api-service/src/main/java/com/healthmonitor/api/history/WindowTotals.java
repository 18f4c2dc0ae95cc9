package com.healthmonitor.api.history;

import com.healthmonitor.api.history.HistoryResponses.Latency;
import com.healthmonitor.api.history.HistoryResponses.SeriesLatency;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Checks, failures and latency summed over a window or a series bucket, as every history query returns them: the
 * columns of {@link #SUMS}.
 */
record WindowTotals(
        long checks,
        long failures,
        long latencyCount,
        long latencySum,
        Integer latencyMin,
        Integer latencyMax,
        LatencyHistogram histogram) {

    /** The aggregates over rows with the rollups' columns, ending in a new line; the histogram as text (see LatencyHistogram.parse). */
    static final String SUMS = """
            coalesce(sum(checks), 0) AS checks, coalesce(sum(failures), 0) AS failures,
            coalesce(sum(latency_count), 0) AS latency_count, coalesce(sum(latency_sum), 0) AS latency_sum,
            min(latency_min) AS latency_min, max(latency_max) AS latency_max,
            histogram_sum(latency_histogram)::text AS latency_histogram
            """;

    /** No checks at all. */
    static final WindowTotals NONE = new WindowTotals(0, 0, 0, 0, null, null, LatencyHistogram.parse(null));

    static WindowTotals read(ResultSet rs) throws SQLException {
        return new WindowTotals(
                rs.getLong("checks"),
                rs.getLong("failures"),
                rs.getLong("latency_count"),
                rs.getLong("latency_sum"),
                rs.getObject("latency_min", Integer.class),
                rs.getObject("latency_max", Integer.class),
                LatencyHistogram.parse(rs.getString("latency_histogram")));
    }

    BigDecimal uptimePercent() {
        return Uptimes.percent(checks, failures);
    }

    /** The mean response time in ms, or null without responses. */
    BigDecimal meanLatency() {
        return latencyCount == 0
                ? null
                : BigDecimal.valueOf(latencySum).divide(BigDecimal.valueOf(latencyCount), 1, RoundingMode.HALF_UP);
    }

    Latency latency() {
        if (latencyCount == 0) {
            return new Latency(null, null, null, null, null, null);
        }
        return new Latency(meanLatency(), latencyMin, latencyMax, percentile(0.50), percentile(0.95), percentile(0.99));
    }

    SeriesLatency seriesLatency() {
        return latencyCount == 0 ? null : new SeriesLatency(meanLatency(), percentile(0.95));
    }

    private BigDecimal percentile(double p) {
        return histogram.percentile(p, latencyMin, latencyMax);
    }
}
