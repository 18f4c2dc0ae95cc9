package com.healthmonitor.worker.check;

import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.spi.json.AbstractJsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * json-path's view of a parsed body (plain {@code Map}s and {@code List}s) for one assertion, on a budget: every
 * access json-path makes while walking the document is an {@link AssertionBudget#step}, so a path like
 * {@code $..*..*..*} (polynomial in the document's size) stops at the check's deadline, and the matches it collects
 * are counted so that it cannot fill the heap first.
 */
final class BoundedJsonProvider extends AbstractJsonProvider {

    /** Nesting levels of a body evaluated (a health document has a handful). */
    static final int MAX_DEPTH = 100;

    /** JSON tokens of a body evaluated: bounds the parsed document's memory to a few MB. */
    static final int MAX_TOKENS = 100_000;

    /** Characters of one property name. */
    static final int MAX_NAME_LENGTH = 1_000;

    /** Parses bodies within the limits above; an over-limit body is "not JSON we evaluate". */
    static final JsonMapper PARSER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxTokenCount(MAX_TOKENS)
                            .maxNameLength(MAX_NAME_LENGTH)
                            .build())
                    .build())
            .build();

    private final AssertionBudget budget;

    BoundedJsonProvider(AssertionBudget budget) {
        this.budget = budget;
    }

    /**
     * The body as plain maps, lists, strings, numbers and booleans.
     *
     * @throws InvalidJsonException not JSON, or beyond the limits (the message says which)
     */
    static Object parseBody(String json) {
        try {
            return PARSER.readValue(json, Object.class);
        } catch (JacksonException e) {
            throw new InvalidJsonException(e.getOriginalMessage());
        }
    }

    @Override
    public Object parse(String json) {
        budget.step();
        return parseBody(json);
    }

    @Override
    public Object parse(InputStream jsonStream, String charset) {
        try {
            return parse(new String(jsonStream.readAllBytes(), Charset.forName(charset)));
        } catch (IOException e) {
            throw new InvalidJsonException(e);
        }
    }

    @Override
    public String toJson(Object obj) {
        budget.step();
        return PARSER.writeValueAsString(obj);
    }

    @Override
    public Object createArray() {
        budget.step();
        return new Matches();
    }

    @Override
    public Object createMap() {
        budget.step();
        return new LinkedHashMap<String, Object>();
    }

    @Override
    public boolean isArray(Object obj) {
        budget.step();
        return super.isArray(obj);
    }

    @Override
    public boolean isMap(Object obj) {
        budget.step();
        return super.isMap(obj);
    }

    @Override
    public int length(Object obj) {
        budget.step();
        return super.length(obj);
    }

    @Override
    public Iterable<?> toIterable(Object obj) {
        budget.step();
        Iterable<?> items = super.toIterable(obj);
        // Filters and scans loop over these without asking anything else: each element is a step.
        return () -> new Iterator<Object>() {
            private final Iterator<?> it = items.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object next() {
                budget.step();
                return it.next();
            }
        };
    }

    @Override
    public Collection<String> getPropertyKeys(Object obj) {
        budget.step();
        return super.getPropertyKeys(obj);
    }

    @Override
    public Object getArrayIndex(Object obj, int idx) {
        budget.step();
        return super.getArrayIndex(obj, idx);
    }

    @Override
    public void setArrayIndex(Object array, int index, Object newValue) {
        budget.step();
        // json-path collects every match of a (sub)path twice, in two arrays it creates here: the value, and the
        // path as a new string. Each array is bounded; one evaluation's arrays end with it.
        if (array instanceof Matches matches && index >= matches.size()) {
            if (matches.size() >= AssertionBudget.MAX_MATCHES) {
                throw new AssertionBudget.TooManyMatches();
            }
            if (newValue instanceof String path
                    && (matches.pathChars += path.length()) > AssertionBudget.MAX_MATCHED_PATH_CHARS) {
                throw new AssertionBudget.TooManyMatches();
            }
        }
        super.setArrayIndex(array, index, newValue);
    }

    /** An array json-path creates (matches, function results), with the characters of the strings it holds. */
    private static final class Matches extends ArrayList<Object> {
        private long pathChars;
    }

    @Override
    public Object getMapValue(Object obj, String key) {
        budget.step();
        return super.getMapValue(obj, key);
    }

    @Override
    public void setProperty(Object obj, Object key, Object value) {
        budget.step();
        super.setProperty(obj, key, value);
    }

    @Override
    public void removeProperty(Object obj, Object key) {
        budget.step();
        super.removeProperty(obj, key);
    }

    @Override
    public Object unwrap(Object obj) {
        budget.step();
        return obj;
    }
}
