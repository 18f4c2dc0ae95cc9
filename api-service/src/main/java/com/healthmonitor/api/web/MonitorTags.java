package com.healthmonitor.api.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A monitor's tags: each {@code key} or {@code key:value}. A key is 1-63 lowercase letters, digits, {@code _}, {@code .}
 * and {@code -}, starting with a letter or digit (no colon, so the first colon ends it); a value 1-128 characters
 * without control characters. A filter by {@code key} matches the bare tag and every {@code key:value}; a filter by
 * {@code key:value} only that tag (V13's {@code monitor_tag_terms}). Shared by the monitors' requests and the
 * filters of the monitor list and the fleet's statistics.
 */
public final class MonitorTags {

    public static final int MAX_TAGS = 20;
    public static final int MAX_VALUE_LENGTH = 128;

    private static final Pattern TAG =
            Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}(:[^\\p{Cc}]{1," + MAX_VALUE_LENGTH + "})?");
    private static final String RULE =
            "must be key or key:value, the key 1-63 of a-z 0-9 _ . - (starting with a letter or digit),"
                    + " the value 1-" + MAX_VALUE_LENGTH + " characters without control characters";

    private MonitorTags() {}

    /** The tags of a request, duplicates dropped, in their order; none when absent. */
    public static List<String> validate(List<String> tags, List<FieldViolation> violations) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > MAX_TAGS) {
            violations.add(new FieldViolation("tags", "must have at most " + MAX_TAGS + " tags"));
            return List.of();
        }
        int before = violations.size();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null || !TAG.matcher(tag).matches()) {
                violations.add(new FieldViolation("tags[" + i + "]", RULE));
            }
        }
        return violations.size() > before ? List.of() : List.copyOf(new LinkedHashSet<>(tags));
    }

    /** One tag as a filter names it (a status page's tag group): a violation of {@code field} when it is bad. */
    public static void validate(String field, String tag, List<FieldViolation> violations) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            violations.add(new FieldViolation(field, RULE));
        }
    }

    /** The {@code tag} query parameters of a list or statistics request; a 400 naming {@code tag} when one is bad. */
    public static List<String> filter(List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return List.of();
        }
        List<FieldViolation> violations = new ArrayList<>();
        if (tags.size() > MAX_TAGS) {
            violations.add(new FieldViolation("tag", "must be given at most " + MAX_TAGS + " times"));
        }
        tags.stream()
                .filter(tag -> !TAG.matcher(tag).matches())
                .findFirst()
                .ifPresent(bad -> violations.add(new FieldViolation("tag", RULE)));
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return List.copyOf(new LinkedHashSet<>(tags));
    }
}
