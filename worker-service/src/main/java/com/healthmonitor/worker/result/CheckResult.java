package com.healthmonitor.worker.result;

import com.healthmonitor.common.alert.LastPing;
import java.time.Instant;

/**
 * What one check found, whatever its type.
 *
 * @param checkedAt when the check started
 * @param success whether the answer met every expectation (e.g. status and assertions)
 * @param statusCode the final HTTP response status, null for other types or when no response arrived
 * @param latencyMs time from start to the answer (an HTTP response's body read, a TCP connection, a DNS answer), or
 *     to the failure
 * @param error why the check failed, naming what failed; null on success
 * @param tls the certificate chain's earliest expiry when a TLS handshake completed, null otherwise
 * @param responded whether the target answered at all: only then is {@code latencyMs} a latency for the statistics
 *     (a timeout's duration is not a response time)
 * @param lastPing a heartbeat's last ping at this result, null for the polled types
 */
public record CheckResult(
        Instant checkedAt,
        boolean success,
        Integer statusCode,
        int latencyMs,
        String error,
        TlsInspection tls,
        boolean responded,
        LastPing lastPing) {

    static final int MAX_ERROR_LENGTH = 500;

    public CheckResult {
        if (success != (error == null)) {
            throw new IllegalArgumentException("a failed check needs an error, a successful one has none");
        }
        if (error != null && error.length() > MAX_ERROR_LENGTH) {
            error = error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
        }
    }

    /** A polled check's result. */
    public CheckResult(
            Instant checkedAt,
            boolean success,
            Integer statusCode,
            int latencyMs,
            String error,
            TlsInspection tls,
            boolean responded) {
        this(checkedAt, success, statusCode, latencyMs, error, tls, responded, null);
    }

    /** An HTTP check's result: it got a response when it got a status. */
    public CheckResult(
            Instant checkedAt, boolean success, Integer statusCode, int latencyMs, String error, TlsInspection tls) {
        this(checkedAt, success, statusCode, latencyMs, error, tls, statusCode != null);
    }

    /** An HTTP check's result without certificate information (http target, or no response). */
    public CheckResult(Instant checkedAt, boolean success, Integer statusCode, int latencyMs, String error) {
        this(checkedAt, success, statusCode, latencyMs, error, null);
    }

    /** A check of a type without status codes that got its answer; a success unless {@code error} says otherwise. */
    public static CheckResult answered(Instant checkedAt, int latencyMs, String error, TlsInspection tls) {
        return new CheckResult(checkedAt, error == null, null, latencyMs, error, tls, true);
    }

    /** A check of a type without status codes that got no answer (refused, timeout, DNS failure, blocked). */
    public static CheckResult unanswered(Instant checkedAt, int latencyMs, String error) {
        return new CheckResult(checkedAt, false, null, latencyMs, error, null, false);
    }

    /** A heartbeat's result: a ping, a reported failure or a silence; no latency, so none in the statistics. */
    public static CheckResult heartbeat(Instant at, String error, Instant lastPingAt) {
        return new CheckResult(at, error == null, null, 0, error, null, false, new LastPing(lastPingAt));
    }

    /** The earliest certificate expiry seen, null for http or when no handshake completed. */
    public Instant tlsExpiresAt() {
        return tls == null ? null : tls.expiresAt();
    }
}
