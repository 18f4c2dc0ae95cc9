package com.healthmonitor.standalone;

import com.healthmonitor.common.check.Locations;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the one-command local run needs to know, from the same environment variables as the services.
 *
 * @param dataDirectory where the embedded PostgreSQL keeps its data ({@code HEALTH_MONITOR_DATA_DIR}, default
 *     {@code ./data}), so monitors and their state survive a restart
 * @param serverPort the API's port ({@code SERVER_PORT}, default 8080; 0 picks a free one)
 * @param serverAddress the address the API listens on ({@code SERVER_ADDRESS}, default {@value #LOOPBACK}, so that
 *     nothing beyond this machine reaches a local run; without API keys the API serves only on a loopback address)
 * @param databaseUrl an external database instead of the embedded one ({@code DATABASE_URL}, with
 *     {@code DATABASE_USERNAME}/{@code DATABASE_PASSWORD} beside it or credentials inside it); it is migrated too
 * @param databaseUsername {@code DATABASE_USERNAME}, or null
 * @param databasePassword {@code DATABASE_PASSWORD}, or null
 * @param sqsQueueUrl an external queue instead of the embedded one ({@code SQS_QUEUE_URL})
 * @param properties further settings handed to every service, above their own defaults
 * @param probeLocation a second location ({@code STANDALONE_PROBE_LOCATION}, e.g. {@code second-site}), checked by
 *     a probe (a worker in probe mode) beside the worker, with queues of its own on the embedded SQS; null: none
 */
public record StandaloneSettings(
        Path dataDirectory,
        int serverPort,
        String serverAddress,
        String databaseUrl,
        String databaseUsername,
        String databasePassword,
        String sqsQueueUrl,
        Map<String, String> properties,
        String probeLocation) {

    public static final String LOOPBACK = "127.0.0.1";

    public StandaloneSettings {
        properties = Map.copyOf(properties);
        if (probeLocation != null) {
            if (!Locations.isValid(probeLocation) || probeLocation.equals(Locations.DEFAULT)) {
                throw new IllegalArgumentException("STANDALONE_PROBE_LOCATION must be 1-32 lowercase letters, digits"
                        + " and hyphens, and not " + Locations.DEFAULT + ": " + probeLocation);
            }
            if (sqsQueueUrl != null) {
                throw new IllegalArgumentException(
                        "STANDALONE_PROBE_LOCATION needs the embedded queue (its queues are made there): unset"
                                + " SQS_QUEUE_URL");
            }
        }
    }

    /** These settings with a second location checked by a probe. */
    public StandaloneSettings withProbeLocation(String location) {
        return new StandaloneSettings(
                dataDirectory,
                serverPort,
                serverAddress,
                databaseUrl,
                databaseUsername,
                databasePassword,
                sqsQueueUrl,
                properties,
                location);
    }

    /** Everything embedded, kept in {@code dataDirectory}, the API on loopback. */
    public static StandaloneSettings embedded(Path dataDirectory, int serverPort, Map<String, String> properties) {
        return new StandaloneSettings(dataDirectory, serverPort, LOOPBACK, null, null, null, null, properties, null);
    }

    @Override
    public String toString() {
        return "StandaloneSettings[dataDirectory=" + dataDirectory + ", serverPort=" + serverPort + ", serverAddress="
                + serverAddress + ", databaseUrl="
                + (databaseUrl == null ? "embedded" : "external") + ", sqsQueueUrl="
                + (sqsQueueUrl == null ? "embedded" : sqsQueueUrl) + ", probeLocation=" + probeLocation + "]";
    }

    static StandaloneSettings fromEnvironment(Map<String, String> env) {
        return new StandaloneSettings(
                Path.of(env.getOrDefault("HEALTH_MONITOR_DATA_DIR", "data")),
                Integer.parseInt(env.getOrDefault("SERVER_PORT", "8080")),
                orLoopback(blankToNull(env.get("SERVER_ADDRESS"))),
                blankToNull(env.get("DATABASE_URL")),
                blankToNull(env.get("DATABASE_USERNAME")),
                blankToNull(env.get("DATABASE_PASSWORD")),
                blankToNull(env.get("SQS_QUEUE_URL")),
                Map.of(),
                blankToNull(env.get("STANDALONE_PROBE_LOCATION")));
    }

    private static String orLoopback(String address) {
        return address == null ? LOOPBACK : address.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
