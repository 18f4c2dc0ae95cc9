package com.healthmonitor.worker.alert.channel;

import java.time.Duration;

/**
 * What became of one round of sends of one alert to one destination, whatever the channel.
 *
 * <p>{@code code} is the destination's last reply as the outbox records it and the API shows it: the HTTP status
 * of a webhook, SMTP's 250 for a message the mail server accepted; null when no reply arrived.
 */
public sealed interface DeliveryResult {

    /** Sends made in this round. */
    int attempts();

    Integer code();

    /** The destination accepted the alert. */
    record Delivered(int attempts, Integer code) implements DeliveryResult {}

    /**
     * No send of the round was accepted.
     *
     * @param error what went wrong last
     * @param permanent retrying cannot help (a revoked webhook, a malformed address)
     * @param retryAfter how long the destination asked to be left alone, null when it did not say
     */
    record Failed(int attempts, Integer code, String error, boolean permanent, Duration retryAfter)
            implements DeliveryResult {}
}
