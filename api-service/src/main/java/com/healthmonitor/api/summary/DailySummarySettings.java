package com.healthmonitor.api.summary;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The daily summary's settings, in requests and responses. */
record DailySummarySettings(
        @Schema(description = "Whether the summary is sent (default true in a PUT)", example = "true")
        Boolean enabled,

        @Schema(description = "Local time of day to send it, HH:mm", example = "09:00")
        String time,

        @Schema(description = "IANA time zone of time (default UTC)", example = "Europe/Berlin")
        String timeZone,

        @Schema(description = "Channels it goes to; at least one when enabled", example = "[1]")
        List<Long> channelIds) {}
