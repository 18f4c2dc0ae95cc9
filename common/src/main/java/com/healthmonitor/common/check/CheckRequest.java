package com.healthmonitor.common.check;

import java.time.Instant;
import java.util.Objects;

/**
 * The message the scheduler sends to the worker: check one monitor for one slot. A record of its own so that a
 * batch message can nest several.
 *
 * <p>The slot is the scheduled time the check belongs to; together with the monitor id it identifies the
 * check, so a redelivered message can be recognised (earlier senders also wrote that pair as an
 * {@code idempotency_key}, which readers ignore). The configuration the check needs travels with it, with
 * the configuration version it was taken from, so a result of an outdated configuration can be discarded.
 *
 * <p>Version 1 carried only {@code expected_status_code}; version 2 adds {@code check}, the full {@link CheckSpec}.
 * A version-1 message reads as a plain GET expecting {@code expected_status_code}.
 *
 * @param version message format version, {@link #CURRENT_VERSION} when sent by this code
 * @param monitorId the monitor to check
 * @param slot the scheduled time this check belongs to
 * @param configVersion the monitor's configuration version the check was scheduled with
 * @param url the endpoint to check
 * @param timeoutSeconds bound on the whole exchange
 * @param expectedStatusCode version 1's expected status; in version 2 the single expected code, 0 when the monitor
 *     expects a set (then {@code check.expected_status_codes} says which)
 * @param check what to send and what counts as healthy (version 2)
 */
public record CheckRequest(
        int version,
        long monitorId,
        Instant slot,
        long configVersion,
        String url,
        int timeoutSeconds,
        int expectedStatusCode,
        CheckSpec check) {

    public static final int CURRENT_VERSION = 2;

    public CheckRequest {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(url, "url");
        if (monitorId < 1 || configVersion < 1 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("monitor id, config version and timeout must be positive");
        }
        if (check == null) {
            if (expectedStatusCode < 100 || expectedStatusCode > 599) {
                throw new IllegalArgumentException("a message without a check spec needs an expected status code");
            }
            check = CheckSpec.plainGet(expectedStatusCode);
        }
    }

    /** A plain GET expecting one status, as every monitor checked before version 2. */
    public static CheckRequest of(
            long monitorId, Instant slot, long configVersion, String url, int timeoutSeconds, int expectedStatusCode) {
        return of(monitorId, slot, configVersion, url, timeoutSeconds, CheckSpec.plainGet(expectedStatusCode));
    }

    public static CheckRequest of(
            long monitorId, Instant slot, long configVersion, String url, int timeoutSeconds, CheckSpec check) {
        int single = StatusCodes.parse(check.expectedStatusCodes()).singleCode();
        return new CheckRequest(
                CURRENT_VERSION, monitorId, slot, configVersion, url, timeoutSeconds, Math.max(single, 0), check);
    }
}
