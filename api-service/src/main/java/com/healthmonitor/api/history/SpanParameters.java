package com.healthmonitor.api.history;

import com.healthmonitor.api.history.WindowPlan.Span;
import java.util.List;
import java.util.Map;

/**
 * The spans of one part of a {@link WindowPlan} as two parallel arrays, {@code <name>_from} and {@code <name>_to}, so
 * that the SQL stays one text however many spans a plan has: {@code JOIN unnest(CAST(:hourly_from AS timestamptz[]),
 * CAST(:hourly_to AS timestamptz[])) AS s (span_from, span_to) ON r.hour >= s.span_from AND r.hour < s.span_to}.
 * Instants travel as ISO-8601 text, which PostgreSQL casts to {@code timestamptz[]}.
 */
final class SpanParameters {

    private SpanParameters() {}

    static Map<String, Object> of(String name, List<Span> spans) {
        return Map.of(
                name + "_from",
                        spans.stream().map(span -> span.from().toString()).toArray(String[]::new),
                name + "_to", spans.stream().map(span -> span.to().toString()).toArray(String[]::new));
    }
}
