package com.healthmonitor.api.slo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/** The period an objective is measured over: the calendar month or quarter in UTC, or the last 30 days. */
enum SloPeriod {
    MONTH("month"),
    QUARTER("quarter"),
    ROLLING_30D("rolling_30d");

    static final Duration ROLLING = Duration.ofDays(30);

    private final String value;

    SloPeriod(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    static Optional<SloPeriod> parse(String value) {
        return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst();
    }

    /** The period that contains {@code now}. */
    Interval bounds(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return switch (this) {
            case MONTH -> calendar(today.withDayOfMonth(1), 1);
            case QUARTER ->
                calendar(
                        today.withMonth((today.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1), 3);
            case ROLLING_30D -> new Interval(now.minus(ROLLING), now);
        };
    }

    private static Interval calendar(LocalDate first, int months) {
        return new Interval(
                first.atStartOfDay().toInstant(ZoneOffset.UTC),
                first.plusMonths(months).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
