package com.healthmonitor.api.monitor;

import com.healthmonitor.common.check.CheckAssertion;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /monitors} and {@code PUT /monitors/{id}}, as the seed's examples send it plus the check
 * settings. Wrapper types tell an absent field (default applies) from a given one; unknown fields are refused by
 * the JSON mapper.
 */
record MonitorRequest(
        String name,
        String url,
        Integer checkInterval,
        Integer timeout,
        Integer expectedStatusCode,
        String webhookUrl,
        Boolean enabled,
        String method,
        Map<String, String> headers,
        String body,
        String contentType,
        List<String> expectedStatusCodes,
        List<CheckAssertion> assertions,
        Boolean followRedirects,
        Integer tlsExpiryDays,
        Integer failThreshold,
        Integer successThreshold) {

    /** The seed's fields only: every check setting at its default. */
    MonitorRequest(
            String name,
            String url,
            Integer checkInterval,
            Integer timeout,
            Integer expectedStatusCode,
            String webhookUrl,
            Boolean enabled) {
        this(
                name,
                url,
                checkInterval,
                timeout,
                expectedStatusCode,
                webhookUrl,
                enabled,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
