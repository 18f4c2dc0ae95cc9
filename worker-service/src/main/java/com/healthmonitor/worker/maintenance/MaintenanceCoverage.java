package com.healthmonitor.worker.maintenance;

import com.healthmonitor.common.maintenance.MaintenanceWindow;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The maintenance windows of a set of monitors, read once and asked about each of them. */
public final class MaintenanceCoverage {

    private final List<Scoped> windows;

    MaintenanceCoverage(List<Scoped> windows) {
        this.windows = List.copyOf(windows);
    }

    /** True when a window of this monitor (or of all monitors) is open at {@code at}. */
    public boolean covers(long monitorId, Instant at) {
        return windows.stream()
                .anyMatch(w -> (w.allMonitors() || w.monitorIds().contains(monitorId))
                        && w.window().covers(at));
    }

    /** A window and the monitors it applies to. */
    record Scoped(MaintenanceWindow window, boolean allMonitors, Set<Long> monitorIds) {}
}
