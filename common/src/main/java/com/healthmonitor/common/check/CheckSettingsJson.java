package com.healthmonitor.common.check;

import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON the monitors table keeps a check's headers and assertions in ({@code request_headers},
 * {@code assertions}): written by the API, read by the scheduler into the check message. Same shape as the API's
 * and the message's JSON.
 */
public final class CheckSettingsJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    private static final TypeReference<List<CheckAssertion>> ASSERTIONS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private CheckSettingsJson() {}

    public static String writeAssertions(List<CheckAssertion> assertions) {
        return JSON.writerFor(ASSERTIONS).writeValueAsString(assertions);
    }

    public static List<CheckAssertion> readAssertions(String json) {
        return json == null ? List.of() : JSON.readValue(json, ASSERTIONS);
    }

    public static String writeHeaders(Map<String, String> headers) {
        return JSON.writeValueAsString(new java.util.TreeMap<>(headers)); // stable order: equal maps, equal text
    }

    public static Map<String, String> readHeaders(String json) {
        return json == null ? Map.of() : JSON.readValue(json, HEADERS);
    }
}
