package com.healthmonitor.common.check;

import com.healthmonitor.common.json.VersionedJson;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads and writes check messages as snake_case JSON: a {@link CheckBatch} (version 3) or, as older schedulers sent,
 * a single {@link CheckRequest} (versions 1 and 2; version 3 checks travel only in batches).
 *
 * <p>Readers accept fields they do not know (a newer scheduler may add some) but refuse a message whose
 * {@code version} is newer than they understand, so a rolling upgrade never silently misreads a check.
 */
public final class CheckRequestCodec {

    // Missing creator properties allowed so that a version-1 message (no "check") still reads; CheckRequest refuses
    // what is really missing.
    private final VersionedJson<UnreadableCheckRequestException> json =
            new VersionedJson<>(VersionedJson.snakeCase(), UnreadableCheckRequestException::new);

    public String write(CheckRequest request) {
        return json.write(request);
    }

    public String writeBatch(List<CheckRequest> checks) {
        return json.write(CheckBatch.of(checks));
    }

    /** The checks of any message format this build understands: a batch, or a single check as a batch of one. */
    public List<CheckRequest> readAll(String body) {
        JsonNode message = json.tree(body, "a check message");
        // A batch is told by its checks: version numbers of batches and of single checks overlap (both reach 3).
        if (message.path("version").asInt(0) != CheckBatch.VERSION || !message.has("checks")) {
            return List.of(read(message));
        }
        CheckBatch batch = json.value(message, CheckBatch.class, "a check batch");
        batch.checks().forEach(this::requireKnownVersion);
        return batch.checks();
    }

    /** A single check (versions 1 and 2). */
    public CheckRequest read(String body) {
        return read(json.tree(body, "a check request"));
    }

    private CheckRequest read(JsonNode message) {
        return requireKnownVersion(json.value(message, CheckRequest.class, "a check request"));
    }

    private CheckRequest requireKnownVersion(CheckRequest request) {
        if (request == null) {
            throw json.unreadable("a check batch holds an empty entry");
        }
        json.requireVersion(request.version(), CheckRequest.CURRENT_VERSION, "check request");
        return request;
    }

    /** A message that can never be processed by this build; it belongs in the dead-letter queue. */
    public static final class UnreadableCheckRequestException extends RuntimeException {
        UnreadableCheckRequestException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
