package com.healthmonitor.common.check;

import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON the monitors table keeps a check's headers, assertions and non-HTTP target in ({@code request_headers},
 * {@code assertions}, {@code target}): written by the API, read by the scheduler into the check message and by the
 * worker for alerts. Same shape as the API's and the message's JSON.
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

    /** A non-HTTP target (an HTTP monitor keeps its settings in columns of their own). */
    public static String writeTarget(CheckTarget target) {
        if (target instanceof CheckTarget.Http) {
            throw new IllegalArgumentException("an HTTP target is stored in the monitor's columns");
        }
        return JSON.writerFor(CheckTarget.class).writeValueAsString(target);
    }

    public static CheckTarget readTarget(String json) {
        return JSON.readValue(json, CheckTarget.class);
    }

    /**
     * How alerts and pages show a monitor's target, from its {@code url} and {@code target} columns: the URL of an HTTP
     * monitor, {@code tcp://host:port} and the like for the others.
     */
    public static String display(String url, String targetJson) {
        return url != null || targetJson == null ? url : readTarget(targetJson).display();
    }

    public static String writeHeaders(Map<String, String> headers) {
        return JSON.writeValueAsString(new java.util.TreeMap<>(headers)); // stable order: equal maps, equal text
    }

    public static Map<String, String> readHeaders(String json) {
        return json == null ? Map.of() : JSON.readValue(json, HEADERS);
    }
}
