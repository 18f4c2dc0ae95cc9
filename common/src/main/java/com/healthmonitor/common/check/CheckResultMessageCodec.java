package com.healthmonitor.common.check;

import com.healthmonitor.common.json.VersionedJson;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads and writes result messages (probe to recorder) as snake_case JSON: a {@link CheckResultBatch} or a single
 * {@link CheckResultMessage}. As {@link CheckRequestCodec} does, readers accept fields they do not know but refuse a
 * version newer than they understand, so a recorder older than its probes never misreads a result.
 */
public final class CheckResultMessageCodec {

    private final VersionedJson<UnreadableCheckResultException> json =
            new VersionedJson<>(VersionedJson.snakeCase(), UnreadableCheckResultException::new);

    public String write(CheckResultMessage result) {
        return json.write(result);
    }

    public String writeBatch(List<CheckResultMessage> results) {
        return json.write(CheckResultBatch.of(results));
    }

    /** The results of a batch, or a single result as a batch of one. */
    public List<CheckResultMessage> readAll(String body) {
        JsonNode message = json.tree(body, "a result message");
        if (!message.has("results")) {
            return List.of(read(message));
        }
        if (message.path("version").asInt(0) != CheckResultBatch.VERSION) {
            throw json.unreadable("unsupported result batch version " + message.path("version") + ", this build reads "
                    + CheckResultBatch.VERSION);
        }
        JsonNode entries = message.path("results");
        if (!entries.isArray() || entries.isEmpty()) {
            throw json.unreadable("a result batch carries at least one result");
        }
        List<CheckResultMessage> results = new ArrayList<>(entries.size());
        for (JsonNode entry : entries) {
            results.add(read(entry));
        }
        return List.copyOf(results);
    }

    /** A single result. */
    public CheckResultMessage read(String body) {
        return read(json.tree(body, "a result message"));
    }

    private CheckResultMessage read(JsonNode message) {
        if (message.isNull()) {
            throw json.unreadable("a result batch holds an empty entry");
        }
        // The version first: a newer format may not even construct as this one.
        json.requireVersion(message.path("version").asInt(0), CheckResultMessage.CURRENT_VERSION, "result");
        return json.value(message, CheckResultMessage.class, "a result message");
    }

    /** A message that can never be processed by this build; it belongs in the dead-letter queue. */
    public static final class UnreadableCheckResultException extends RuntimeException {
        UnreadableCheckResultException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
