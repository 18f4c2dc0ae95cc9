package com.healthmonitor.api.monitor;

import com.healthmonitor.api.web.MonitorTags;
import com.healthmonitor.common.check.CheckAssertion;
import com.healthmonitor.common.check.CheckSpec;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.common.check.Locations;
import com.healthmonitor.common.check.MonitorType;
import com.healthmonitor.common.secret.Secrets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A monitor's validated configuration, with defaults applied.
 *
 * @param expectedStatusCode the seed's shorthand; null when the monitor lists {@code expectedStatusCodes}
 * @param expectedStatusCodes codes and ranges; null when the shorthand applies (exactly one of the two is set)
 * @param failThreshold null: the worker's FAIL_THRESHOLD applies
 * @param successThreshold null: the worker's SUCCESS_THRESHOLD applies
 * @param type what the monitor checks; the HTTP fields ({@code url} to {@code tlsExpiryDays}) are an HTTP monitor's
 *     target and keep their defaults for the other types (a TCP monitor's TLS settings are in its target)
 * @param target the target of a monitor of another type than HTTP, null for HTTP
 * @param tags {@code key} or {@code key:value} labels ({@link MonitorTags}), in the order given
 * @param locations where the monitor is checked from, in the order given
 * @param minFailingLocations how many locations must fail a slot for it to count as failed
 */
record MonitorSettings(
        String name,
        String url,
        int checkInterval,
        int timeout,
        Integer expectedStatusCode,
        String webhookUrl,
        boolean enabled,
        String method,
        Map<String, String> headers,
        String body,
        String contentType,
        List<String> expectedStatusCodes,
        List<CheckAssertion> assertions,
        boolean followRedirects,
        int tlsExpiryDays,
        Integer failThreshold,
        Integer successThreshold,
        MonitorType type,
        CheckTarget target,
        List<String> tags,
        List<String> locations,
        int minFailingLocations) {

    MonitorSettings {
        type = type == null ? MonitorType.HTTP : type;
        if ((type == MonitorType.HTTP) != (target == null)) {
            throw new IllegalArgumentException("an HTTP monitor has a url, any other a target");
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        expectedStatusCodes = expectedStatusCodes == null ? null : List.copyOf(expectedStatusCodes);
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        tags = tags == null ? List.of() : List.copyOf(tags);
        locations = locations == null ? List.of(Locations.DEFAULT) : List.copyOf(locations);
    }

    /** A monitor with the seed's fields and every check setting at its default. */
    MonitorSettings(
            String name,
            String url,
            int checkInterval,
            int timeout,
            int expectedStatusCode,
            String webhookUrl,
            boolean enabled) {
        this(
                name,
                url,
                checkInterval,
                timeout,
                expectedStatusCode,
                webhookUrl,
                enabled,
                "GET",
                Map.of(),
                null,
                null,
                null,
                List.of(),
                true,
                CheckSpec.DEFAULT_TLS_EXPIRY_DAYS,
                null,
                null,
                MonitorType.HTTP,
                null,
                List.of(),
                List.of(Locations.DEFAULT),
                1);
    }

    /**
     * What responses show masked: the URL's credentials, the webhook URL and the header values. A client that sends
     * them back masked keeps the stored ones ({@link MonitorService}).
     */
    record SecretFields(String url, String webhookUrl, Map<String, String> headers) {}

    SecretFields secrets() {
        return new SecretFields(url, webhookUrl, headers);
    }

    /** These settings with the secrets put back; the one copy of a whole configuration. */
    MonitorSettings withSecrets(SecretFields secrets) {
        return new MonitorSettings(
                name,
                secrets.url(),
                checkInterval,
                timeout,
                expectedStatusCode,
                secrets.webhookUrl(),
                enabled,
                method,
                secrets.headers(),
                body,
                contentType,
                expectedStatusCodes,
                assertions,
                followRedirects,
                tlsExpiryDays,
                failThreshold,
                successThreshold,
                type,
                target,
                tags,
                locations,
                minFailingLocations);
    }

    /** The names of the headers whose values the client sent back masked, as responses show them. */
    List<String> maskedHeaders(Map<String, String> stored) {
        return headers.entrySet().stream()
                .filter(given -> stored.entrySet().stream()
                        .anyMatch(old -> old.getKey().equalsIgnoreCase(given.getKey())
                                && Secrets.isMaskOfValue(given.getValue(), old.getValue())))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /**
     * The headers with each value the client sent back masked (as responses show them) replaced by the stored one,
     * so a client can PUT what it GOT without erasing its tokens.
     */
    Map<String, String> unmaskedHeaders(Map<String, String> stored) {
        Map<String, String> merged = new HashMap<>(headers);
        headers.forEach((name, value) -> stored.entrySet().stream()
                .filter(old -> old.getKey().equalsIgnoreCase(name))
                .filter(old -> Secrets.isMaskOfValue(value, old.getValue()))
                .findFirst()
                .ifPresent(old -> merged.put(name, old.getValue())));
        return merged;
    }

    /** The settings that change what a check does (not its name, webhook or thresholds). */
    List<Object> checkDefinition() {
        return java.util.Arrays.asList(
                type,
                target,
                url,
                checkInterval,
                timeout,
                expectedStatusCode,
                expectedStatusCodes,
                method,
                headers,
                body,
                contentType,
                assertions,
                followRedirects,
                tlsExpiryDays,
                // Results of the old locations must not count with the new ones.
                locations);
    }
}
