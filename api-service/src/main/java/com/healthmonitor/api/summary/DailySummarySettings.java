package com.healthmonitor.api.summary;

import java.util.List;

/**
 * The daily summary's settings, in requests and responses.
 *
 * @param enabled whether the summary is sent (default false)
 * @param time local time of day, "HH:mm"
 * @param timeZone IANA zone the time is in (default UTC)
 * @param channelIds channels the summary goes to
 */
record DailySummarySettings(Boolean enabled, String time, String timeZone, List<Long> channelIds) {}
