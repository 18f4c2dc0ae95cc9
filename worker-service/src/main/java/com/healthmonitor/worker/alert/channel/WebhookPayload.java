package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.alert.AlertMessage;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generic webhook's JSON: the alert's fields in snake_case under a lower-case {@code event} ({@code reminder},
 * {@code summary} and a heartbeat's {@code last_ping} only where they apply), and the
 * {@code X-Signature: sha256=<hex>} value, an HMAC-SHA256 of the exact body bytes with the channel's secret.
 */
final class WebhookPayload {

    static final String SIGNATURE_HEADER = "X-Signature";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookPayload() {}

    static String render(AlertMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", message.kind().name().toLowerCase(Locale.ROOT));
        body.put("monitor_id", message.monitorId());
        body.put("name", message.name());
        body.put("url", message.url());
        body.put("old_status", message.from() == null ? null : message.from().name());
        body.put("new_status", message.to() == null ? null : message.to().name());
        body.put("time", Notice.TIME.format(message.at()));
        body.put("reason", message.reason());
        body.put("latency_ms", message.latencyMs());
        body.put("down_since", message.downSince() == null ? null : Notice.TIME.format(message.downSince()));
        if (message.lastPing() != null) {
            // A heartbeat's alert: when the job last reported, null when it never did.
            Instant lastPing = message.lastPing().at();
            body.put("last_ping", lastPing == null ? null : Notice.TIME.format(lastPing));
        }
        if (message.reminder() != null) {
            body.put("reminder", message.reminder());
        }
        if (message.summary() != null) {
            body.put("summary", message.summary());
        }
        body.put("text", Notice.of(message).text());
        return JSON.writeValueAsString(body);
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of the UTF-8 body. */
    static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
