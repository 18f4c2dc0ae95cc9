package com.healthmonitor.common.alert;

import tools.jackson.core.JacksonException;
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

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public String write(AlertMessage message) {
        return mapper.writeValueAsString(message);
    }

    public AlertMessage read(String json) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new UnreadableAlertMessageException("not an alert message: " + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode message)) {
            throw new UnreadableAlertMessageException("not an alert message: " + tree.getNodeType(), null);
        }
        int version = message.path("version").asInt(1);
        if (version < 1 || version > AlertMessage.NEWEST_VERSION) {
            throw new UnreadableAlertMessageException(
                    "unsupported alert message version " + version + ", this build reads 1.."
                            + AlertMessage.NEWEST_VERSION,
                    null);
        }
        message.put("version", version);
        try {
            return mapper.treeToValue(message, AlertMessage.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new UnreadableAlertMessageException("not an alert message: " + e.getMessage(), e);
        }
    }

    /** A message this build cannot read: malformed, or of a newer version. */
    public static final class UnreadableAlertMessageException extends RuntimeException {
        UnreadableAlertMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
