package com.healthmonitor.worker.result;

import java.time.Instant;

/**
 * What one HTTP check found.
 *
 * @param checkedAt when the check started
 * @param success whether the response met every expectation (status and assertions)
 * @param statusCode the final response status, null when no response arrived
 * @param latencyMs time from start to the final response's body read (or to the failure)
 * @param error why the check failed, naming what failed; null on success
 * @param tls the certificate chain's earliest expiry for https targets, null otherwise
 */
public record CheckResult(
        Instant checkedAt, boolean success, Integer statusCode, int latencyMs, String error, TlsInspection tls) {

    static final int MAX_ERROR_LENGTH = 500;

    public CheckResult {
        if (success != (error == null)) {
            throw new IllegalArgumentException("a failed check needs an error, a successful one has none");
        }
        if (error != null && error.length() > MAX_ERROR_LENGTH) {
            error = error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
        }
    }

    /** A result without certificate information (http target, or no response). */
    public CheckResult(Instant checkedAt, boolean success, Integer statusCode, int latencyMs, String error) {
        this(checkedAt, success, statusCode, latencyMs, error, null);
    }

    /** The earliest certificate expiry seen, null for http or when no handshake completed. */
    public Instant tlsExpiresAt() {
        return tls == null ? null : tls.expiresAt();
    }
}
