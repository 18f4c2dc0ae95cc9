package com.healthmonitor.api.monitor;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Requests as a client sends them: fields by their JSON names, the others absent, so no test lists 29 arguments. */
final class MonitorRequests {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private MonitorRequests() {}

    /** @param namesAndValues field names and their values in turn ({@code "url", "https://..."}); null values absent */
    static MonitorRequest of(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return JSON.convertValue(fields, MonitorRequest.class);
    }

    /** A request with the seed's fields only, every check setting absent. */
    static MonitorRequest seed(
            String name,
            String url,
            Integer checkInterval,
            Integer timeout,
            Integer expectedStatusCode,
            String webhookUrl,
            Boolean enabled) {
        return of(
                "name", name,
                "url", url,
                "check_interval", checkInterval,
                "timeout", timeout,
                "expected_status_code", expectedStatusCode,
                "webhook_url", webhookUrl,
                "enabled", enabled);
    }
}
