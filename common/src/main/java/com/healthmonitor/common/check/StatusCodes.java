package com.healthmonitor.common.check;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of expected status codes written as codes and ranges, e.g. {@code ["200-299", "301"]}. Parsed the same way
 * by the API (to refuse bad input) and the worker (to judge a response).
 */
public final class StatusCodes {

    public static final int MAX_ENTRIES = 20;
    private static final Pattern ENTRY = Pattern.compile("(\\d{3})(?:-(\\d{3}))?");

    private final List<int[]> ranges;
    private final String text;

    private StatusCodes(List<int[]> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the bad entry */
    public static StatusCodes parse(List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("must list at least one status code or range");
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("must list at most " + MAX_ENTRIES + " codes or ranges");
        }
        List<int[]> ranges = new ArrayList<>(entries.size());
        for (String entry : entries) {
            Matcher matcher = entry == null ? null : ENTRY.matcher(entry.strip());
            if (matcher == null || !matcher.matches()) {
                throw new IllegalArgumentException(
                        "\"" + entry + "\" is not a status code or range like \"200\" or \"200-299\"");
            }
            int from = Integer.parseInt(matcher.group(1));
            int to = matcher.group(2) == null ? from : Integer.parseInt(matcher.group(2));
            if (from < 100 || to > 599) {
                throw new IllegalArgumentException("\"" + entry + "\" is outside 100-599");
            }
            if (from > to) {
                throw new IllegalArgumentException("\"" + entry + "\" is an inverted range");
            }
            ranges.add(new int[] {from, to});
        }
        return new StatusCodes(
                ranges, String.join(", ", entries.stream().map(String::strip).toList()));
    }

    public boolean contains(int status) {
        for (int[] range : ranges) {
            if (status >= range[0] && status <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** The single code this set consists of, or -1 when it is more than one code. */
    public int singleCode() {
        return ranges.size() == 1 && ranges.getFirst()[0] == ranges.getFirst()[1] ? ranges.getFirst()[0] : -1;
    }

    /** {@code 200-299, 301}: as written, for failure reasons. */
    @Override
    public String toString() {
        return text;
    }
}
