package com.healthmonitor.api.monitor;

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
        Boolean enabled) {}
