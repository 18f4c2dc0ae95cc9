package com.healthmonitor.worker.check;

import java.time.Instant;

/**
 * What one HTTP check found.
 *
 * @param checkedAt when the check started
 * @param success whether the final status equalled the expected one
 * @param statusCode the final response status, null when no response arrived
 * @param latencyMs time from start to the final response (or to the failure)
 * @param error why the check failed, null on success
 */
public record CheckResult(Instant checkedAt, boolean success, Integer statusCode, int latencyMs, String error) {

    static final int MAX_ERROR_LENGTH = 500;

    public CheckResult {
        if (success != (error == null)) {
            throw new IllegalArgumentException("a failed check needs an error, a successful one has none");
        }
        if (error != null && error.length() > MAX_ERROR_LENGTH) {
            error = error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
        }
    }
}
