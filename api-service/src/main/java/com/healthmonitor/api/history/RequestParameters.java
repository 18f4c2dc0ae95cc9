package com.healthmonitor.api.history;

import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import com.healthmonitor.common.check.Locations;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and checks the query parameters of the history endpoints; a bad one is a 400 naming it. */
final class RequestParameters {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_BUCKETS = 1000;

    private static final Map<String, Duration> WINDOWS = Map.of(
            "1h", Duration.ofHours(1),
            "24h", Duration.ofHours(24),
            "7d", Duration.ofDays(7),
            "30d", Duration.ofDays(30),
            "90d", Duration.ofDays(90),
            "365d", Duration.ofDays(365));
    private static final Map<Duration, Duration> DEFAULT_STEPS = Map.of(
            Duration.ofHours(1), Duration.ofMinutes(1),
            Duration.ofHours(24), Duration.ofMinutes(15),
            Duration.ofDays(7), Duration.ofHours(1),
            Duration.ofDays(30), Duration.ofHours(6),
            Duration.ofDays(90), Duration.ofDays(1),
            Duration.ofDays(365), Duration.ofDays(1));
    private static final Pattern STEP = Pattern.compile("([1-9][0-9]{0,3})([mhd])");

    private RequestParameters() {}

    /** A requested window: [from, to). {@code length} is the named window's length, or null for from/to. */
    record Window(Instant from, Instant to, Duration length) {}

    static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 instant such as 2026-01-20T10:30:00Z");
        }
    }

    /**
     * {@code window} (1h, 24h, 7d, 30d, 90d, 365d) ending now, or {@code from} with an optional {@code to} (default
     * now); neither means 24h. A {@code to} after now is cut to now: there is no history of the future.
     */
    static Window window(String window, String from, String to, Instant now) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (window != null) {
            if (start != null || end != null) {
                throw invalid("window", "give either window or from/to, not both");
            }
            Duration length = WINDOWS.get(window);
            if (length == null) {
                throw invalid("window", "must be one of 1h, 24h, 7d, 30d, 90d, 365d");
            }
            return new Window(now.minus(length), now, length);
        }
        if (start == null) {
            if (end != null) {
                throw invalid("from", "is required with to");
            }
            return new Window(now.minus(Duration.ofHours(24)), now, Duration.ofHours(24));
        }
        if (end == null) {
            end = now;
        }
        if (end.isBefore(start)) {
            throw invalid("to", "must not be before from");
        }
        if (end.isAfter(now)) {
            end = now;
        }
        if (start.isAfter(end)) {
            start = end;
        }
        return new Window(start, end, null);
    }

    /**
     * A series step: {@code <n>m}, {@code <n>h} or {@code <n>d}. Steps under an hour must divide an hour, steps under a
     * day must be whole hours dividing a day, longer ones whole days, so that buckets align with the rollups.
     */
    static Duration step(String step, Window window) {
        Duration length = Duration.between(window.from(), window.to());
        Duration parsed;
        if (step == null) {
            parsed = window.length() != null ? DEFAULT_STEPS.get(window.length()) : defaultStep(length);
        } else {
            Matcher matcher = STEP.matcher(step);
            if (!matcher.matches()) {
                throw invalid("step", "must be a number of minutes, hours or days such as 5m, 1h, 1d");
            }
            long amount = Long.parseLong(matcher.group(1));
            parsed = switch (matcher.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            boolean fits = parsed.compareTo(Duration.ofHours(1)) < 0
                    ? Duration.ofHours(1).toMinutes() % parsed.toMinutes() == 0
                    : parsed.compareTo(Duration.ofDays(1)) < 0
                            ? parsed.toMinutes() % 60 == 0 && 24 % parsed.toHours() == 0
                            : parsed.toMinutes() % (24 * 60) == 0;
            if (!fits) {
                throw invalid(
                        "step",
                        "must divide an hour (1m-30m), divide a day in whole hours (1h-12h), or be" + " whole days");
            }
        }
        long buckets = (length.toSeconds() + parsed.toSeconds() - 1) / parsed.toSeconds() + 1;
        if (buckets > MAX_BUCKETS) {
            throw invalid("step", "gives " + buckets + " buckets; at most " + MAX_BUCKETS + " are returned");
        }
        return parsed;
    }

    private static Duration defaultStep(Duration length) {
        for (Duration candidate : List.of(
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(15),
                Duration.ofHours(1),
                Duration.ofHours(6),
                Duration.ofDays(1),
                Duration.ofDays(7))) {
            if (length.dividedBy(candidate) < 500) {
                return candidate;
            }
        }
        return Duration.ofDays(30);
    }

    /** A location name, or null when none is given. */
    static String location(String location) {
        if (location == null) {
            return null;
        }
        if (!Locations.isValid(location)) {
            throw invalid("location", "must be 1-32 lowercase letters, digits and hyphens");
        }
        return location;
    }

    static InvalidRequestException invalid(String parameter, String message) {
        return new InvalidRequestException(List.of(new FieldViolation(parameter, message)));
    }
}
