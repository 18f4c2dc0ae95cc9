package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.ChannelType;
import java.util.Map;
import java.util.function.Function;

/**
 * The webhook channels (Slack, Google Chat, Teams, Discord, generic webhook): a JSON POST through the shared
 * {@link WebhookSender}, which passes the SSRF guard and retries with 429 {@code Retry-After} honoured.
 */
final class HttpChannelSender implements ChannelSender {

    private final ChannelType type;
    private final Function<AlertMessage, String> renderer;
    private final WebhookSender sender;

    HttpChannelSender(ChannelType type, Function<AlertMessage, String> renderer, WebhookSender sender) {
        this.type = type;
        this.renderer = renderer;
        this.sender = sender;
    }

    @Override
    public ChannelType type() {
        return type;
    }

    @Override
    public DeliveryResult send(Destination destination, AlertMessage message, String body) {
        String payload = body != null ? body : renderer.apply(message);
        Map<String, String> headers = type == ChannelType.WEBHOOK && destination.secret() != null
                ? Map.of(WebhookPayload.SIGNATURE_HEADER, WebhookPayload.signature(destination.secret(), payload))
                : Map.of();
        return sender.send(destination.url(), payload, headers);
    }
}
