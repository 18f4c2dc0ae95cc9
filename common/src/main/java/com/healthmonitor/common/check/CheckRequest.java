package com.healthmonitor.common.check;

import java.time.Instant;
import java.util.Objects;

/**
 * The message the scheduler sends to the worker: check one monitor for one slot.
 *
 * <p>The slot is the scheduled time the check belongs to; together with the monitor id it identifies the
 * check, so a redelivered message can be recognised. The configuration the check needs travels with it, with
 * the configuration version it was taken from, so a result of an outdated configuration can be discarded.
 *
 * @param version message format version, {@link #CURRENT_VERSION} when sent by this code
 * @param monitorId the monitor to check
 * @param slot the scheduled time this check belongs to
 * @param idempotencyKey {@code <monitorId>:<slot epoch millis>}, unique per monitor and slot
 * @param configVersion the monitor's configuration version the check was scheduled with
 * @param url the endpoint to GET
 * @param timeoutSeconds bound on the whole exchange
 * @param expectedStatusCode the status that counts as success
 */
public record CheckRequest(
        int version,
        long monitorId,
        Instant slot,
        String idempotencyKey,
        long configVersion,
        String url,
        int timeoutSeconds,
        int expectedStatusCode) {

    public static final int CURRENT_VERSION = 1;

    public CheckRequest {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    public static CheckRequest of(
            long monitorId, Instant slot, long configVersion, String url, int timeoutSeconds, int expectedStatusCode) {
        return new CheckRequest(
                CURRENT_VERSION,
                monitorId,
                slot,
                idempotencyKey(monitorId, slot),
                configVersion,
                url,
                timeoutSeconds,
                expectedStatusCode);
    }

    public static String idempotencyKey(long monitorId, Instant slot) {
        return monitorId + ":" + slot.toEpochMilli();
    }
}
