package com.healthmonitor.api.monitor;

import java.util.List;

/**
 * Where a monitor's alerts go and how often it reminds, validated.
 *
 * @param channelIds channels, ascending, no duplicates
 * @param remindEvery minutes between reminders while DOWN, 0 = none
 */
record MonitorAlerting(List<Long> channelIds, int remindEvery) {}
