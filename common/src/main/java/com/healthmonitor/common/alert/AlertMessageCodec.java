package com.healthmonitor.common.alert;

import com.healthmonitor.common.json.VersionedJson;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@link AlertMessage}s as the outbox stores them (the {@code deliveries.message} JSON, field names as
 * the record spells them). Readers accept fields they do not know but refuse a {@code version} newer than they
 * understand, so a rolling upgrade never silently misreads an alert.
 */
public final class AlertMessageCodec {

    private final VersionedJson<UnreadableAlertMessageException> json = new VersionedJson<>(
            JsonMapper.builder()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build(),
            UnreadableAlertMessageException::new);

    public String write(AlertMessage message) {
        return json.write(message);
    }

    public AlertMessage read(String body) {
        JsonNode tree = json.tree(body, "an alert message");
        if (!(tree instanceof ObjectNode message)) {
            throw json.unreadable("not an alert message: " + tree.getNodeType());
        }
        // Messages from before versions had none: version 1.
        int version =
                json.requireVersion(message.path("version").asInt(1), AlertMessage.NEWEST_VERSION, "alert message");
        message.put("version", version);
        return json.value(message, AlertMessage.class, "an alert message");
    }

    /** A message this build cannot read: malformed, or of a newer version. */
    public static final class UnreadableAlertMessageException extends RuntimeException {
        UnreadableAlertMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
