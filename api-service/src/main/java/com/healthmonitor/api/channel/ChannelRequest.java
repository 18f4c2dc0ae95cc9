package com.healthmonitor.api.channel;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code POST /channels} and {@code PUT /channels/{id}}: {@code url} for the webhook types,
 * {@code secret} (optional) for {@code webhook}, {@code recipients} for {@code email}. A {@code url} or
 * {@code secret} equal to the mask a response showed keeps the stored value.
 */
record ChannelRequest(
        @Schema(description = "Display name, 1-200 characters", example = "ops on-call")
        String name,

        @Schema(
                description = "slack, google_chat, teams, discord, webhook or email",
                example = "slack",
                allowableValues = {"slack", "google_chat", "teams", "discord", "webhook", "email"})
        String type,

        @Schema(
                description =
                        "Webhook URL (https; every type but email). A secret: shown masked, a masked value sent back keeps the stored one",
                example = "https://hooks.slack.com/services/T000/B000/XXXX")
        String url,

        @Schema(
                description =
                        "webhook only: HMAC-SHA256 key; each POST then carries X-Signature: sha256=<hex of the body's HMAC>. Shown as ****; sent back, it keeps the stored key while the url's scheme, host and port are unchanged",
                example = "a-long-random-secret")
        String secret,

        @Schema(description = "email only: 1-50 addresses", example = "[\"ops@example.com\"]")
        List<String> recipients) {}
