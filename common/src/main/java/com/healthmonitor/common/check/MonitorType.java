package com.healthmonitor.common.check;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What kind of check a monitor runs. Stored in {@code monitors.type}, sent in API requests and responses as its
 * lower-case name. Every monitor created before types existed is {@link #HTTP}.
 */
public enum MonitorType {
    HTTP,
    TCP,
    DNS,
    /** A job that pings; see {@link CheckTarget.Heartbeat}. */
    HEARTBEAT;

    /** {@code http}, {@code tcp}, ...: the name in JSON and in the database. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code id} (case-insensitive), empty for an unknown name. */
    public static Optional<MonitorType> of(String id) {
        return Arrays.stream(values())
                .filter(type -> type.id().equalsIgnoreCase(id == null ? "" : id.strip()))
                .findFirst();
    }

    @JsonCreator
    static MonitorType fromJson(String id) {
        return of(id).orElseThrow(() -> new IllegalArgumentException("unknown monitor type " + id));
    }
}
