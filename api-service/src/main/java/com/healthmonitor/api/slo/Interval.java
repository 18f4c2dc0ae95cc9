package com.healthmonitor.api.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A half-open period [from, to). */
record Interval(Instant from, Instant to) {

    boolean isEmpty() {
        return !from.isBefore(to);
    }

    Duration length() {
        return isEmpty() ? Duration.ZERO : Duration.between(from, to);
    }

    Interval clip(Instant start, Instant end) {
        return new Interval(from.isBefore(start) ? start : from, to.isAfter(end) ? end : to);
    }

    /** Non-empty intervals sorted and with overlapping or touching ones joined. */
    static List<Interval> union(List<Interval> intervals) {
        List<Interval> sorted = intervals.stream()
                .filter(i -> !i.isEmpty())
                .sorted(Comparator.comparing(Interval::from))
                .toList();
        List<Interval> merged = new ArrayList<>();
        for (Interval next : sorted) {
            Interval last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && !next.from().isAfter(last.to())) {
                merged.set(
                        merged.size() - 1,
                        new Interval(last.from(), next.to().isAfter(last.to()) ? next.to() : last.to()));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    /** The total length of {@code intervals} outside {@code excluded}. */
    static Duration lengthOutside(List<Interval> intervals, List<Interval> excluded) {
        List<Interval> holes = union(excluded);
        Duration total = Duration.ZERO;
        for (Interval interval : union(intervals)) {
            total = total.plus(interval.length());
            for (Interval hole : holes) {
                total = total.minus(hole.clip(interval.from(), interval.to()).length());
            }
        }
        return total;
    }
}
