package com.healthmonitor.worker.alert;

/** Sends one alert to one channel of its type: renders the payload, sends it, retries blips; never throws. */
interface ChannelSender {

    ChannelType type();

    /**
     * @param body a body rendered before (alerts carried over from the previous outbox), or null to render
     *     {@code message}
     */
    WebhookSender.Delivery send(Destination destination, AlertMessage message, String body);
}
