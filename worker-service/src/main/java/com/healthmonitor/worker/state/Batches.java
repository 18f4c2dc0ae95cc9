package com.healthmonitor.worker.state;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * Helpers for statements that take a whole batch as parallel arrays ({@code unnest(CAST(:x AS type[]), ...)}): one
 * statement and one round trip per batch, whatever its size, and {@code RETURNING} tells which rows were written.
 * Timestamps travel as ISO-8601 text, which PostgreSQL casts to {@code timestamptz[]}.
 */
final class Batches {

    private Batches() {}

    static <T> Long[] longs(List<T> items, Function<T, Long> value) {
        return items.stream().map(value).toArray(Long[]::new);
    }

    static <T> Integer[] integers(List<T> items, Function<T, Integer> value) {
        return items.stream().map(value).toArray(Integer[]::new);
    }

    static <T> Boolean[] booleans(List<T> items, Function<T, Boolean> value) {
        return items.stream().map(value).toArray(Boolean[]::new);
    }

    static <T> String[] strings(List<T> items, Function<T, String> value) {
        return items.stream().map(value).toArray(String[]::new);
    }

    static <T> String[] timestamps(List<T> items, Function<T, Instant> value) {
        return items.stream()
                .map(value)
                .map(instant -> instant == null ? null : stored(instant).toString())
                .toArray(String[]::new);
    }

    /** An instant at PostgreSQL's precision. */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
