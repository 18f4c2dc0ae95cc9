package com.healthmonitor.api.monitor;

import java.util.List;

/**
 * Where a monitor's alerts go, how often it reminds, and which monitors' DOWN holds its alerts back, validated.
 *
 * @param channelIds channels, ascending, no duplicates
 * @param remindEvery minutes between reminders while DOWN, 0 = none
 * @param dependsOn the monitors it depends on, ascending, no duplicates, all existing
 */
record MonitorAlerting(List<Long> channelIds, int remindEvery, List<Long> dependsOn) {

    MonitorAlerting(List<Long> channelIds, int remindEvery) {
        this(channelIds, remindEvery, List.of());
    }
}
