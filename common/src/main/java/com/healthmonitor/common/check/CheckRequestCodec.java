package com.healthmonitor.common.check;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes check messages as snake_case JSON: a {@link CheckBatch} (version 3) or, as older schedulers sent,
 * a single {@link CheckRequest} (versions 1 and 2; version 3 checks travel only in batches).
 *
 * <p>Readers accept fields they do not know (a newer scheduler may add some) but refuse a message whose
 * {@code version} is newer than they understand, so a rolling upgrade never silently misreads a check.
 */
public final class CheckRequestCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Off so that a version-1 message (no "check") still reads; CheckRequest refuses what is really missing.
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    public String write(CheckRequest request) {
        return mapper.writeValueAsString(request);
    }

    public String writeBatch(List<CheckRequest> checks) {
        return mapper.writeValueAsString(CheckBatch.of(checks));
    }

    /** The checks of any message format this build understands: a batch, or a single check as a batch of one. */
    public List<CheckRequest> readAll(String json) {
        JsonNode message;
        try {
            message = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new UnreadableCheckRequestException("not a check message: " + e.getMessage(), e);
        }
        // A batch is told by its checks: version numbers of batches and of single checks overlap (both reach 3).
        if (message.path("version").asInt(0) != CheckBatch.VERSION || !message.has("checks")) {
            return List.of(read(message));
        }
        CheckBatch batch;
        try {
            batch = mapper.treeToValue(message, CheckBatch.class);
        } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
            throw new UnreadableCheckRequestException("not a check batch: " + e.getMessage(), e);
        }
        batch.checks().forEach(CheckRequestCodec::requireKnownVersion);
        return batch.checks();
    }

    /** A single check (versions 1 and 2). */
    public CheckRequest read(String json) {
        try {
            return read(mapper.readTree(json));
        } catch (JacksonException e) {
            throw new UnreadableCheckRequestException("not a check request: " + e.getMessage(), e);
        }
    }

    private CheckRequest read(JsonNode message) {
        CheckRequest request;
        try {
            request = mapper.treeToValue(message, CheckRequest.class);
        } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
            throw new UnreadableCheckRequestException("not a check request: " + e.getMessage(), e);
        }
        return requireKnownVersion(request);
    }

    private static CheckRequest requireKnownVersion(CheckRequest request) {
        if (request == null) {
            throw new UnreadableCheckRequestException("a check batch holds an empty entry", null);
        }
        if (request.version() < 1 || request.version() > CheckRequest.CURRENT_VERSION) {
            throw new UnreadableCheckRequestException(
                    "unsupported check request version " + request.version() + ", this build reads 1.."
                            + CheckRequest.CURRENT_VERSION + " and batches of version " + CheckBatch.VERSION,
                    null);
        }
        return request;
    }

    /** A message that can never be processed by this build; it belongs in the dead-letter queue. */
    public static final class UnreadableCheckRequestException extends RuntimeException {
        UnreadableCheckRequestException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
