package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.ChannelType;

/** Sends one alert to one channel of its type: renders the payload, sends it, retries blips; never throws. */
public interface ChannelSender {

    ChannelType type();

    /**
     * @param body a body rendered before (alerts carried over from the previous outbox), or null to render
     *     {@code message}
     */
    DeliveryResult send(Destination destination, AlertMessage message, String body);
}
