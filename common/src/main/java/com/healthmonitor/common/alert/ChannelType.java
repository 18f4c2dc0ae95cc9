package com.healthmonitor.common.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of channel an alert can go to; {@link #id()} is the name stored and shown in the API. */
public enum ChannelType {
    SLACK,
    GOOGLE_CHAT,
    TEAMS,
    DISCORD,
    WEBHOOK,
    EMAIL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type stored as {@code id}; throws for an unknown one. */
    public static ChannelType of(String id) {
        return parse(id).orElseThrow(() -> new IllegalArgumentException("unknown channel type " + id));
    }

    /** The type named {@code id} exactly as {@link #id()} spells it, or empty. */
    public static Optional<ChannelType> parse(String id) {
        return Arrays.stream(values()).filter(type -> type.id().equals(id)).findFirst();
    }

    /** The ids, comma-separated, for messages that list them. */
    public static String names() {
        return Arrays.stream(values()).map(ChannelType::id).collect(Collectors.joining(", "));
    }
}
