package com.healthmonitor.api.channel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The channel types, by the name the API shows. */
enum ChannelType {
    SLACK,
    GOOGLE_CHAT,
    TEAMS,
    DISCORD,
    WEBHOOK,
    EMAIL;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ChannelType> parse(String id) {
        return Arrays.stream(values()).filter(type -> type.id().equals(id)).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(ChannelType::id).collect(Collectors.joining(", "));
    }
}
