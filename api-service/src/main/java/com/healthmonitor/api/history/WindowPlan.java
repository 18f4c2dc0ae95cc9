package com.healthmonitor.api.history;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How a time window is answered from the stored history: daily rollups for the whole days in it (while they are
 * final), hourly rollups for the remaining whole hours, raw results for the partial hours at the edges, and status
 * changes for the downtime outside the daily part. The answer is therefore exact wherever raw data is still kept.
 * Where a finer level was already dropped, an edge is widened to the next boundary of the coarser level (an edge
 * hour older than the raw results to the whole hour, an edge day older than the hourly rollups to the whole day);
 * {@link #from()} and {@link #to()} are the window actually covered.
 *
 * @param daily the whole days read from daily rollups, or null
 * @param hourly whole hours read from hourly rollups
 * @param raw periods read from raw check results
 * @param statusChanges periods whose downtime and incidents are computed from status changes
 */
record WindowPlan(Instant from, Instant to, Span daily, List<Span> hourly, List<Span> raw, List<Span> statusChanges) {

    /** A half-open period [from, to). */
    record Span(Instant from, Instant to) {}

    static WindowPlan of(Instant from, Instant to, Horizons horizons) {
        Instant start = from;
        Instant end = to.isBefore(from) ? from : to;
        if (!aligned(start, ChronoUnit.HOURS) && start.isBefore(horizons.rawResultsFrom())) {
            start = floor(start, ChronoUnit.HOURS);
        }
        if (!aligned(start, ChronoUnit.DAYS) && coarseOnly(start, horizons)) {
            start = floor(start, ChronoUnit.DAYS);
        }
        if (!aligned(end, ChronoUnit.HOURS) && floor(end, ChronoUnit.HOURS).isBefore(horizons.rawResultsFrom())) {
            end = ceil(end, ChronoUnit.HOURS);
        }
        if (!aligned(end, ChronoUnit.DAYS) && coarseOnly(floor(end, ChronoUnit.DAYS), horizons)) {
            end = ceil(end, ChronoUnit.DAYS);
        }
        Span daily = null;
        List<Span> remainders = new ArrayList<>();
        Instant daysFrom = ceil(start, ChronoUnit.DAYS);
        Instant daysTo = min(floor(end, ChronoUnit.DAYS), horizons.dailyRollupsUntil());
        if (daysFrom.isBefore(daysTo)) {
            daily = new Span(daysFrom, daysTo);
            remainders.add(new Span(start, daysFrom));
            remainders.add(new Span(daysTo, end));
        } else {
            remainders.add(new Span(start, end));
        }
        List<Span> hourly = new ArrayList<>();
        List<Span> raw = new ArrayList<>();
        List<Span> statusChanges = new ArrayList<>();
        for (Span remainder : remainders) {
            if (!remainder.from().isBefore(remainder.to())) {
                continue;
            }
            statusChanges.add(remainder);
            Instant hoursFrom = ceil(remainder.from(), ChronoUnit.HOURS);
            Instant hoursTo = floor(remainder.to(), ChronoUnit.HOURS);
            if (hoursFrom.isBefore(hoursTo)) {
                hourly.add(new Span(hoursFrom, hoursTo));
                addIfNotEmpty(raw, remainder.from(), hoursFrom);
                addIfNotEmpty(raw, hoursTo, remainder.to());
            } else {
                raw.add(remainder);
            }
        }
        return new WindowPlan(start, end, daily, List.copyOf(hourly), List.copyOf(raw), List.copyOf(statusChanges));
    }

    /**
     * The window that "uptime over the last 24 h (30 d, ...)" means wherever it is shown: from the start of the hour
     * {@code length} ago up to the end of the current hour. Hour-aligned, so it is read from rollups only.
     */
    static WindowPlan recent(Instant now, Duration length, Horizons horizons) {
        return of(floor(now.minus(length), ChronoUnit.HOURS), ceil(now, ChronoUnit.HOURS), horizons);
    }

    List<Span> dailySpans() {
        return daily == null ? List.of() : List.of(daily);
    }

    Duration length() {
        return Duration.between(from, to);
    }

    /** A partial day at {@code instant} cannot be read from hourly rollups and status changes any more. */
    private static boolean coarseOnly(Instant instant, Horizons horizons) {
        return instant.isBefore(horizons.hourlyRollupsFrom()) || instant.isBefore(horizons.statusChangesFrom());
    }

    private static void addIfNotEmpty(List<Span> spans, Instant from, Instant to) {
        if (from.isBefore(to)) {
            spans.add(new Span(from, to));
        }
    }

    static boolean aligned(Instant instant, ChronoUnit unit) {
        return instant.truncatedTo(unit).equals(instant);
    }

    static Instant floor(Instant instant, ChronoUnit unit) {
        return instant.truncatedTo(unit);
    }

    static Instant ceil(Instant instant, ChronoUnit unit) {
        Instant floor = instant.truncatedTo(unit);
        return floor.equals(instant) ? floor : floor.plus(1, unit);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
