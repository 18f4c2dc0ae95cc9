package com.healthmonitor.common.check;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@link CheckRequest} as snake_case JSON.
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

    public CheckRequest read(String json) {
        CheckRequest request;
        try {
            request = mapper.readValue(json, CheckRequest.class);
        } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
            throw new UnreadableCheckRequestException("not a check request: " + e.getMessage(), e);
        }
        if (request.version() < 1 || request.version() > CheckRequest.CURRENT_VERSION) {
            throw new UnreadableCheckRequestException(
                    "unsupported check request version " + request.version() + ", this build reads 1.."
                            + CheckRequest.CURRENT_VERSION,
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
