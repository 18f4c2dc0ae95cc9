package com.healthmonitor.common.check;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * A version-1 message reads as a plain GET expecting {@code expected_status_code}. Version 3 adds {@code target},
 * the settings of a check of another {@link MonitorType} than HTTP. HTTP checks are still written as version 2
 * (their target is {@code url} and {@code check}), so that workers older than version 3 keep reading them during a
 * rolling upgrade; they refuse a version-3 check instead of misreading it as an HTTP check, and its batch goes back
 * to the queue for a newer worker.
 *
 * @param version message format version, {@link #CURRENT_VERSION} when sent by this code
 * @param monitorId the monitor to check
 * @param slot the scheduled time this check belongs to
 * @param configVersion the monitor's configuration version the check was scheduled with
 * @param url the endpoint to check
 * @param timeoutSeconds bound on the whole exchange
 * @param expectedStatusCode version 1's expected status; in version 2 the single expected code, 0 when the monitor
 *     expects a set (then {@code check.expected_status_codes} says which)
 * @param check what to send and what counts as healthy (version 2); null for a check of another type
 * @param target what to check: {@link CheckTarget.Http} of {@code url} and {@code check} for HTTP, written as
 *     {@code target} only for the other types (version 3)
 * @param location the location whose queue the check was sent to ({@link Locations}); null in messages of older
 *     schedulers, which a worker reads as its own location. Older workers ignore it
 */
public record CheckRequest(
        int version,
        long monitorId,
        Instant slot,
        long configVersion,
        String url,
        int timeoutSeconds,
        int expectedStatusCode,
        CheckSpec check,

        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = HttpIsNotWritten.class)
        CheckTarget target,

        @JsonInclude(JsonInclude.Include.NON_NULL) String location) {

    public static final int CURRENT_VERSION = 3;

    /** The version of HTTP checks: readable by every worker since version 2. */
    static final int HTTP_VERSION = 2;

    public CheckRequest {
        Objects.requireNonNull(slot, "slot");
        if (monitorId < 1 || configVersion < 1 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("monitor id, config version and timeout must be positive");
        }
        if (target != null && !(target instanceof CheckTarget.Http)) {
            if (version < 3) {
                throw new IllegalArgumentException("a " + target.type().id() + " check needs message version 3");
            }
        } else {
            Objects.requireNonNull(url, "url");
        }
        if (check == null && (target == null || target instanceof CheckTarget.Http)) {
            if (expectedStatusCode < 100 || expectedStatusCode > 599) {
                throw new IllegalArgumentException("a message without a check spec needs an expected status code");
            }
            check = CheckSpec.plainGet(expectedStatusCode);
        }
        if (target == null || target instanceof CheckTarget.Http) {
            target = new CheckTarget.Http(url, check);
        }
        if (location != null) {
            Locations.requireValid(location);
        }
    }

    /** A check without a location, as schedulers sent before locations. */
    public CheckRequest(
            int version,
            long monitorId,
            Instant slot,
            long configVersion,
            String url,
            int timeoutSeconds,
            int expectedStatusCode,
            CheckSpec check,
            CheckTarget target) {
        this(version, monitorId, slot, configVersion, url, timeoutSeconds, expectedStatusCode, check, target, null);
    }

    /** The same check, sent to {@code location}. */
    public CheckRequest withLocation(String location) {
        return new CheckRequest(
                version,
                monitorId,
                slot,
                configVersion,
                url,
                timeoutSeconds,
                expectedStatusCode,
                check,
                target,
                location);
    }

    /** Leaves an HTTP target out of the JSON: {@code url} and {@code check} carry it. */
    static final class HttpIsNotWritten {
        @Override
        public boolean equals(Object value) {
            return value == null || value instanceof CheckTarget.Http;
        }

        @Override
        public int hashCode() {
            return 0;
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
                HTTP_VERSION, monitorId, slot, configVersion, url, timeoutSeconds, Math.max(single, 0), check, null);
    }

    /** A check of any type: HTTP as version 2, the others as version 3. */
    public static CheckRequest of(
            long monitorId, Instant slot, long configVersion, int timeoutSeconds, CheckTarget target) {
        if (target instanceof CheckTarget.Http http) {
            return of(monitorId, slot, configVersion, http.url(), timeoutSeconds, http.spec());
        }
        return new CheckRequest(CURRENT_VERSION, monitorId, slot, configVersion, null, timeoutSeconds, 0, null, target);
    }
}
