package com.healthmonitor.api.monitor;

/** A monitor's validated configuration, with defaults applied. */
record MonitorSettings(
        String name,
        String url,
        int checkInterval,
        int timeout,
        int expectedStatusCode,
        String webhookUrl,
        boolean enabled) {

    MonitorSettings withWebhookUrl(String webhookUrl) {
        return new MonitorSettings(name, url, checkInterval, timeout, expectedStatusCode, webhookUrl, enabled);
    }
}
