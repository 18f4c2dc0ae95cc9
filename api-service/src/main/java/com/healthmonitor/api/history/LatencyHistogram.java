package com.healthmonitor.api.history;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A mergeable latency histogram with the database's fixed buckets (function latency_bucket, migration V3): integer
 * bounds growing by 8 % from 1 ms, t[k+1] = max(t[k] + 1, ceil(1.08 t[k])). Bucket 0 holds 0 ms, bucket k >= 1 holds
 * [t[k], t[k+1] - 1]. A percentile is read as the value of its bucket with the least relative error to both ends,
 * 2ab / (a + b), clamped to the observed min and max and rounded to 0.1 ms: at most 3.85 % from the true
 * nearest-rank value plus the rounding, under 4.3 % (buckets holding a single integer are exact).
 */
final class LatencyHistogram {

    /** t[1], t[2], ... of the buckets, as in the database (Java index 0 is bucket 1). */
    static final int[] BOUNDS = bounds();

    private final TreeMap<Integer, Long> counts = new TreeMap<>();

    private static int[] bounds() {
        List<Integer> bounds = new ArrayList<>(List.of(1));
        int t = 1;
        while (t <= 3_600_000) {
            t = Math.max(t + 1, (t * 108 + 99) / 100);
            bounds.add(t);
        }
        return bounds.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A histogram as PostgreSQL writes an INTEGER[] as text: {@code [40:44]={5,10,NULL,10,5}}, or {@code {...}} when
     * it starts at bucket 1; null is the empty histogram.
     */
    static LatencyHistogram parse(String array) {
        LatencyHistogram histogram = new LatencyHistogram();
        if (array == null) {
            return histogram;
        }
        int first = 1;
        String elements = array;
        if (array.startsWith("[")) {
            first = Integer.parseInt(array.substring(1, array.indexOf(':')));
            elements = array.substring(array.indexOf('=') + 1);
        }
        String[] counts = elements.substring(1, elements.length() - 1).split(",");
        for (int i = 0; i < counts.length; i++) {
            if (!counts[i].isEmpty() && !counts[i].equals("NULL")) {
                histogram.add(first + i, Long.parseLong(counts[i]));
            }
        }
        return histogram;
    }

    void add(int bucket, long count) {
        counts.merge(bucket, count, Long::sum);
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The nearest-rank percentile ({@code p} in (0, 1]) within [min, max], or null for an empty histogram. */
    BigDecimal percentile(double p, int min, int max) {
        long total = total();
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (var bucket : counts.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return estimate(bucket.getKey(), min, max);
            }
        }
        return estimate(counts.lastKey(), min, max);
    }

    static BigDecimal estimate(int bucket, int min, int max) {
        double low;
        double high;
        if (bucket <= 0) {
            low = 0;
            high = 0;
        } else {
            low = BOUNDS[bucket - 1];
            high = bucket < BOUNDS.length ? BOUNDS[bucket] - 1 : Math.max(max, low);
        }
        low = Math.max(low, min);
        high = Math.min(high, max);
        double value = low + high == 0 ? 0 : 2 * low * high / (low + high);
        value = Math.min(Math.max(value, low), high);
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    }
}
