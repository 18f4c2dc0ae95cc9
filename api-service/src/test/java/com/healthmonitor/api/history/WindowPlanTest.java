package com.healthmonitor.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.history.WindowPlan.Span;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowPlanTest {

    private static final Horizons EVERYTHING = horizons("2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z", "2026-03-10");

    @Test
    void aWindowCuttingThroughHoursAndDaysReadsDaysHoursAndRawEdges() {
        WindowPlan plan = WindowPlan.of(at("2026-03-07T10:25:00Z"), at("2026-03-09T00:35:00Z"), EVERYTHING);

        assertThat(plan.from()).isEqualTo(at("2026-03-07T10:25:00Z"));
        assertThat(plan.to()).isEqualTo(at("2026-03-09T00:35:00Z"));
        assertThat(plan.daily()).isEqualTo(span("2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z"));
        assertThat(plan.hourly()).containsExactly(span("2026-03-07T11:00:00Z", "2026-03-08T00:00:00Z"));
        assertThat(plan.raw())
                .containsExactly(
                        span("2026-03-07T10:25:00Z", "2026-03-07T11:00:00Z"),
                        span("2026-03-09T00:00:00Z", "2026-03-09T00:35:00Z"));
        assertThat(plan.statusChanges())
                .containsExactly(
                        span("2026-03-07T10:25:00Z", "2026-03-08T00:00:00Z"),
                        span("2026-03-09T00:00:00Z", "2026-03-09T00:35:00Z"));
    }

    @Test
    void daysNotYetRolledUpAreReadFromHourlyRollups() {
        Horizons lagging = horizons("2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z", "2026-03-08");

        WindowPlan plan = WindowPlan.of(at("2026-03-06T00:00:00Z"), at("2026-03-10T12:00:00Z"), lagging);

        assertThat(plan.daily()).isEqualTo(span("2026-03-06T00:00:00Z", "2026-03-08T00:00:00Z"));
        assertThat(plan.hourly()).containsExactly(span("2026-03-08T00:00:00Z", "2026-03-10T12:00:00Z"));
        assertThat(plan.raw()).isEmpty();
    }

    @Test
    void edgesOlderThanTheFinerDataWidenToTheCoarserBoundary() {
        Horizons old = horizons("2026-03-08T00:00:00Z", "2026-03-07T00:00:00Z", "2026-03-10");

        assertThat(WindowPlan.of(at("2026-03-07T10:25:00Z"), at("2026-03-09T00:35:00Z"), old)
                        .from())
                .isEqualTo(at("2026-03-07T10:00:00Z"));
        assertThat(WindowPlan.of(at("2026-03-06T10:25:00Z"), at("2026-03-09T00:35:00Z"), old)
                        .from())
                .isEqualTo(at("2026-03-06T00:00:00Z"));
        assertThat(WindowPlan.of(at("2026-03-05T00:00:00Z"), at("2026-03-06T10:25:00Z"), old)
                        .to())
                .isEqualTo(at("2026-03-07T00:00:00Z"));
    }

    @Test
    void aWindowWithinOneHourIsReadRawOnly() {
        WindowPlan plan = WindowPlan.of(at("2026-03-09T10:05:00Z"), at("2026-03-09T10:55:00Z"), EVERYTHING);

        assertThat(plan.daily()).isNull();
        assertThat(plan.hourly()).isEmpty();
        assertThat(plan.raw()).containsExactly(span("2026-03-09T10:05:00Z", "2026-03-09T10:55:00Z"));
    }

    @Test
    void percentileEstimatesStayWithinTheStatedErrorForEveryLatency() {
        for (int latency = 0; latency <= 120_000; latency++) {
            LatencyHistogram histogram = new LatencyHistogram();
            int bucket = bucketOf(latency);
            histogram.add(bucket, 1);
            BigDecimal estimate = LatencyHistogram.estimate(bucket, 0, Integer.MAX_VALUE);
            assertThat(Math.abs(estimate.doubleValue() - latency))
                    .as("latency %d", latency)
                    .isLessThanOrEqualTo(latency * 0.043);
        }
    }

    private static int bucketOf(int latency) {
        int bucket = 0;
        while (bucket < LatencyHistogram.BOUNDS.length && LatencyHistogram.BOUNDS[bucket] <= latency) {
            bucket++;
        }
        return bucket;
    }

    private static Horizons horizons(String raw, String hourly, String dailyUntil) {
        return new Horizons(at(raw), at(hourly), at(hourly), at(dailyUntil + "T00:00:00Z"));
    }

    private static Span span(String from, String to) {
        return new Span(at(from), at(to));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
