package com.healthmonitor.common.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * What a probe (a worker in {@code WORKER_MODE=probe}, without database access) found for one check, sent to the home
 * region's results queue, where the recorder applies it as if the check had run there. Monitor and slot identify it as
 * they identify the check, so a redelivered result is recognised; the configuration version lets a result of an
 * outdated configuration be dropped; the location says where it was checked from.
 *
 * <p>Of the check's settings only what recording needs travels back ({@code timeout_seconds} and
 * {@code tls_expiry_days}); the request's headers and body, which may hold secrets, stay in the probe. Heartbeats
 * never reach a probe (their results come from pings and the home region's silence detector), so there is no
 * last-ping field.
 *
 * @param version message format version, {@link #CURRENT_VERSION} when sent by this code
 * @param monitorId the monitor checked
 * @param slot the scheduled time the check belongs to
 * @param configVersion the monitor's configuration version the check was scheduled with
 * @param location where the check ran: lowercase letters, digits and hyphens, 1-32 characters
 * @param timeoutSeconds the check's timeout
 * @param tlsExpiryDays the monitor's certificate warning threshold in days (0: no warning)
 * @param checkedAt when the check started
 * @param success whether the answer met every expectation
 * @param statusCode the final HTTP status, null for other types or when no response arrived
 * @param latencyMs time from start to the answer, or to the failure
 * @param error why the check failed; null on success
 * @param responded whether the target answered at all (only then is the latency a response time)
 * @param tlsExpiresAt the certificate chain's earliest expiry when a TLS handshake completed, else null
 * @param tlsCertificate SHA-256 fingerprint of that certificate, null with {@code tlsExpiresAt}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResultMessage(
        int version,
        long monitorId,
        Instant slot,
        long configVersion,
        String location,
        int timeoutSeconds,
        int tlsExpiryDays,
        Instant checkedAt,
        boolean success,
        Integer statusCode,
        int latencyMs,
        String error,
        boolean responded,
        Instant tlsExpiresAt,
        String tlsCertificate) {

    public static final int CURRENT_VERSION = 1;

    public CheckResultMessage {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(checkedAt, "checked_at");
        if (monitorId < 1 || configVersion < 1 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("monitor id, config version and timeout must be positive");
        }
        if (!Locations.isValid(location)) {
            throw new IllegalArgumentException(
                    "location must be 1-32 lowercase letters, digits and hyphens, was " + location);
        }
        if (success != (error == null)) {
            throw new IllegalArgumentException("a failed check needs an error, a successful one has none");
        }
        if (latencyMs < 0 || tlsExpiryDays < 0) {
            throw new IllegalArgumentException("latency and tls expiry days cannot be negative");
        }
        if ((tlsExpiresAt == null) != (tlsCertificate == null)) {
            throw new IllegalArgumentException("a certificate's expiry and fingerprint travel together");
        }
    }
}
