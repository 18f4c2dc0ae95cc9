package com.healthmonitor.worker.alert;

import java.util.Locale;

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

    public static ChannelType of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
