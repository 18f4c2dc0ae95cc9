package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.StatusCodes;

/**
 * The failure reasons of a check, each naming what failed. Reasons for a failed exchange (DNS, refused, timeout,
 * TLS, ...) come from {@link com.healthmonitor.worker.http.HttpErrors}, shared with webhooks.
 */
public final class CheckErrors {

    private CheckErrors() {}

    public static String unexpectedStatus(int actual, StatusCodes expected) {
        return "expected status " + expected + ", got " + actual;
    }

    public static String bodyDoesNotContain(String value) {
        return "body does not contain " + quote(value);
    }

    public static String bodyContains(String value) {
        return "body contains " + quote(value);
    }

    public static String slow(int latencyMs, int maxMs) {
        return "slow: " + latencyMs + " ms > " + maxMs + " ms";
    }

    public static String assertionsOutOfTime(int timeoutSeconds) {
        return "assertions did not finish within the " + timeoutSeconds + " s timeout";
    }

    static String tooManyRedirects(int max) {
        return "too many redirects (more than " + max + ")";
    }

    static String quote(String value) {
        String shown = value.length() > 100 ? value.substring(0, 100) + "…" : value;
        return "\"" + shown + "\"";
    }

    /**
     * A 307/308 asks to repeat the monitor's body to another origin. The body is treated like the monitor's headers
     * (it may hold credentials): it goes only to the monitored URL's origin. Replaying the request without it would
     * not be the request the redirect asks for, so the check fails instead.
     */
    static final class BodyToOtherOriginException extends java.io.IOException {
        BodyToOtherOriginException(java.net.URI location) {
            super("redirect to another origin (" + location.getScheme() + "://" + location.getHost()
                    + (location.getPort() == -1 ? "" : ":" + location.getPort())
                    + ") with the request body is not followed");
        }
    }

    /** More redirects than the worker follows. */
    static final class TooManyRedirectsException extends java.io.IOException {
        TooManyRedirectsException(int max) {
            super(tooManyRedirects(max));
        }
    }
}
