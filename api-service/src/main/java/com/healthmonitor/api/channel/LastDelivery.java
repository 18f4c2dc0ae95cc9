package com.healthmonitor.api.channel;

import com.healthmonitor.common.alert.AlertOutbox;
import java.time.Instant;

/**
 * The newest message queued for a channel (an alert, reminder, summary or test) and how it went, so that a channel
 * that stopped working shows it before the next outage does.
 *
 * @param kind STATUS_CHANGE, TLS_EXPIRY, REMINDER, SUMMARY or TEST
 * @param status PENDING, SENT, FAILED or CANCELLED
 * @param statusCode the last HTTP status the channel answered (250 for an accepted email), null when none
 * @param error what went wrong last, null when nothing did
 * @param createdAt when it was queued
 * @param sentAt when it was sent, null unless SENT
 */
record LastDelivery(
        String kind, String status, Integer statusCode, String error, int attempts, Instant createdAt, Instant sentAt) {

    /** The outbox's newest delivery of a channel as the API shows it; null when there is none. */
    static LastDelivery of(AlertOutbox.Latest latest) {
        return latest == null
                ? null
                : new LastDelivery(
                        latest.kind(),
                        latest.status(),
                        latest.code(),
                        latest.error(),
                        latest.attempts(),
                        latest.createdAt(),
                        latest.sentAt());
    }
}
