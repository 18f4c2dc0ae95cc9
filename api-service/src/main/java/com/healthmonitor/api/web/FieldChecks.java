package com.healthmonitor.api.web;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** Checks several request bodies share, so a field is validated (and its message worded) the same way everywhere. */
public final class FieldChecks {

    private FieldChecks() {}

    /**
     * The stripped name, or {@code null} with a violation when it is missing or longer than {@code maxLength}
     * characters.
     */
    public static String requiredName(String value, int maxLength, List<FieldViolation> violations) {
        String name = value == null ? null : value.strip();
        if (name == null || name.isEmpty()) {
            violations.add(new FieldViolation("name", "is required"));
            return null;
        }
        if (name.length() > maxLength) {
            violations.add(new FieldViolation("name", "must be at most " + maxLength + " characters"));
            return null;
        }
        return name;
    }

    /** The stripped IANA time zone id, UTC when absent; adds a {@code time_zone} violation when unknown. */
    public static String timeZone(String value, List<FieldViolation> violations) {
        String zone = value == null ? "UTC" : value.strip();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            violations.add(new FieldViolation("time_zone", "must be an IANA time zone such as Europe/Berlin"));
        }
        return zone;
    }

    /**
     * The channel ids, distinct and sorted, when there are at most {@code max} and none is null or unknown
     * ({@code missing} returns the ids that name no channel); otherwise the ids as given, with a {@code channel_ids}
     * violation.
     */
    public static List<Long> channelIds(
            List<Long> value, int max, UnaryOperator<List<Long>> missing, List<FieldViolation> violations) {
        List<Long> ids = value == null ? List.of() : value;
        if (ids.stream().anyMatch(Objects::isNull)) {
            violations.add(new FieldViolation("channel_ids", "must not contain null"));
            return ids;
        }
        if (ids.size() > max) {
            violations.add(new FieldViolation("channel_ids", "must have at most " + max + " channels"));
            return ids;
        }
        ids = ids.stream().distinct().sorted().toList();
        List<Long> unknown = missing.apply(ids);
        if (!unknown.isEmpty()) {
            violations.add(new FieldViolation("channel_ids", "no channel with id " + unknown));
        }
        return ids;
    }
}
