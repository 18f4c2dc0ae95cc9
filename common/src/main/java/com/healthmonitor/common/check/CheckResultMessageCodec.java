package com.healthmonitor.common.check;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes result messages (probe to recorder) as snake_case JSON: a {@link CheckResultBatch} or a single
 * {@link CheckResultMessage}. As {@link CheckRequestCodec} does, readers accept fields they do not know but refuse a
 * version newer than they understand, so a recorder older than its probes never misreads a result.
 */
public final class CheckResultMessageCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Nulls are not written; the record refuses what is really missing.
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    public String write(CheckResultMessage result) {
        return mapper.writeValueAsString(result);
    }

    public String writeBatch(List<CheckResultMessage> results) {
        return mapper.writeValueAsString(CheckResultBatch.of(results));
    }

    /** The results of a batch, or a single result as a batch of one. */
    public List<CheckResultMessage> readAll(String json) {
        JsonNode message;
        try {
            message = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new UnreadableCheckResultException("not a result message: " + e.getMessage(), e);
        }
        if (!message.has("results")) {
            return List.of(read(message));
        }
        if (message.path("version").asInt(0) != CheckResultBatch.VERSION) {
            throw new UnreadableCheckResultException(
                    "unsupported result batch version " + message.path("version") + ", this build reads "
                            + CheckResultBatch.VERSION,
                    null);
        }
        JsonNode entries = message.path("results");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new UnreadableCheckResultException("a result batch carries at least one result", null);
        }
        List<CheckResultMessage> results = new ArrayList<>(entries.size());
        for (JsonNode entry : entries) {
            results.add(read(entry));
        }
        return List.copyOf(results);
    }

    /** A single result. */
    public CheckResultMessage read(String json) {
        try {
            return read(mapper.readTree(json));
        } catch (JacksonException e) {
            throw new UnreadableCheckResultException("not a result message: " + e.getMessage(), e);
        }
    }

    private CheckResultMessage read(JsonNode message) {
        // The version first: a newer format may not even construct as this one.
        if (message.path("version").asInt(0) > CheckResultMessage.CURRENT_VERSION) {
            throw unsupported(message.path("version").asInt(0));
        }
        CheckResultMessage result;
        try {
            result = mapper.treeToValue(message, CheckResultMessage.class);
        } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
            throw new UnreadableCheckResultException("not a result message: " + e.getMessage(), e);
        }
        return requireKnownVersion(result);
    }

    private static CheckResultMessage requireKnownVersion(CheckResultMessage result) {
        if (result == null) {
            throw new UnreadableCheckResultException("a result batch holds an empty entry", null);
        }
        if (result.version() < 1 || result.version() > CheckResultMessage.CURRENT_VERSION) {
            throw unsupported(result.version());
        }
        return result;
    }

    private static UnreadableCheckResultException unsupported(int version) {
        return new UnreadableCheckResultException(
                "unsupported result version " + version + ", this build reads 1.." + CheckResultMessage.CURRENT_VERSION,
                null);
    }

    /** A message that can never be processed by this build; it belongs in the dead-letter queue. */
    public static final class UnreadableCheckResultException extends RuntimeException {
        UnreadableCheckResultException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
