package com.healthmonitor.common.check;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to check a monitor's URL: what to send and what counts as healthy. The defaults ({@link #plainGet}) are the
 * behaviour of every monitor before these settings existed.
 *
 * @param method HTTP method, upper case
 * @param headers request headers to send (real values: this travels only between scheduler and worker)
 * @param body request body, null for none
 * @param contentType the body's content type, null without a body
 * @param expectedStatusCodes codes and ranges that count as success, e.g. {@code ["200-299", "301"]}
 * @param assertions further conditions on the response, all must hold
 * @param followRedirects whether redirects are followed (each hop through the SSRF guard)
 * @param tlsExpiryDays warn when the certificate chain expires within this many days; 0 turns the warning off
 */
public record CheckSpec(
        String method,
        Map<String, String> headers,
        String body,
        String contentType,
        List<String> expectedStatusCodes,
        List<CheckAssertion> assertions,
        boolean followRedirects,
        int tlsExpiryDays) {

    public static final int DEFAULT_TLS_EXPIRY_DAYS = 14;

    public CheckSpec {
        method = method == null ? "GET" : method;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        expectedStatusCodes = List.copyOf(Objects.requireNonNull(expectedStatusCodes, "expectedStatusCodes"));
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        if (tlsExpiryDays < 0) {
            throw new IllegalArgumentException("tls expiry days cannot be negative");
        }
    }

    /** A GET expecting one status: what a monitor without any of the newer settings does. */
    public static CheckSpec plainGet(int expectedStatusCode) {
        return new CheckSpec(
                "GET",
                Map.of(),
                null,
                null,
                List.of(Integer.toString(expectedStatusCode)),
                List.of(),
                true,
                DEFAULT_TLS_EXPIRY_DAYS);
    }
}
