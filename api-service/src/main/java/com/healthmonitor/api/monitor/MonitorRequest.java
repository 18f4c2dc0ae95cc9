package com.healthmonitor.api.monitor;

import java.util.List;

/**
 * The body of {@code POST /monitors} and {@code PUT /monitors/{id}}, as the seed's examples send it. Wrapper
 * types tell an absent field (default applies) from a given one; unknown fields are refused by the JSON mapper.
 */
record MonitorRequest(
        String name,
        String url,
        Integer checkInterval,
        Integer timeout,
        Integer expectedStatusCode,
        String webhookUrl,
        Boolean enabled,
        List<Long> channelIds,
        Integer remindEvery) {

    /** The seed's fields only. */
    MonitorRequest(
            String name,
            String url,
            Integer checkInterval,
            Integer timeout,
            Integer expectedStatusCode,
            String webhookUrl,
            Boolean enabled) {
        this(name, url, checkInterval, timeout, expectedStatusCode, webhookUrl, enabled, null, null);
    }
}
