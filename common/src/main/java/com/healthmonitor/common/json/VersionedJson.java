package com.healthmonitor.common.json;

import java.util.function.BiFunction;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every codec of a versioned message shares (checks, probe results, alerts): a mapper that accepts fields it does
 * not know (a newer writer may add some), and reading that turns anything malformed, and a version this build does not
 * read, into the codec's own unreadable-message exception, so that a rolling upgrade never silently misreads a message.
 *
 * @param <E> the codec's exception for a message it can never read (it belongs in the dead-letter queue)
 */
public final class VersionedJson<E extends RuntimeException> {

    private final JsonMapper mapper;
    private final BiFunction<String, Throwable, E> unreadable;

    /**
     * @param mapper how the messages are written and read; see {@link #snakeCase()}
     * @param unreadable the codec's exception from its message and cause (null when there is none)
     */
    public VersionedJson(JsonMapper mapper, BiFunction<String, Throwable, E> unreadable) {
        this.mapper = mapper;
        this.unreadable = unreadable;
    }

    /**
     * The mapper of the messages between services: snake_case fields, unknown fields ignored, a null for a primitive
     * refused; missing fields allowed, so that older versions without some still read (the records refuse what is
     * really missing).
     */
    public static JsonMapper snakeCase() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .build();
    }

    public String write(Object value) {
        return mapper.writeValueAsString(value);
    }

    /** {@code json} as a tree; unreadable when it is not JSON. {@code what}: "a check message", ... */
    public JsonNode tree(String json, String what) {
        try {
            return mapper.readTree(json);
        } catch (JacksonException e) {
            throw unreadable.apply("not " + what + ": " + e.getMessage(), e);
        }
    }

    /** {@code node} as {@code type}; unreadable when it does not construct (the records' own checks included). */
    public <T> T value(JsonNode node, Class<T> type, String what) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
            throw unreadable.apply("not " + what + ": " + e.getMessage(), e);
        }
    }

    /** Returns {@code version} when this build reads it (1 to {@code newest}); otherwise unreadable. */
    public int requireVersion(int version, int newest, String what) {
        if (version < 1 || version > newest) {
            throw unreadable("unsupported " + what + " version " + version + ", this build reads 1.." + newest);
        }
        return version;
    }

    /** The codec's exception for a message that is unreadable for a reason of the codec's own. */
    public E unreadable(String message) {
        return unreadable.apply(message, null);
    }
}
