package com.healthmonitor.api.maintenance;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Which monitors a maintenance window covers right now (their status shows as MAINTENANCE). */
@Component
public class MaintenanceStatus {

    private final MaintenanceWindowRepository windows;
    private final Clock clock;

    MaintenanceStatus(MaintenanceWindowRepository windows, Clock clock) {
        this.windows = windows;
        this.clock = clock;
    }

    /** The subset of {@code monitorIds} under maintenance now. */
    public Set<Long> covered(Collection<Long> monitorIds) {
        Set<Long> covered = new HashSet<>();
        var now = clock.instant();
        for (MaintenanceWindowRepository.Stored window : windows.all()) {
            if (!window.schedule().covers(now)) {
                continue;
            }
            if (window.settings().allMonitors()) {
                return Set.copyOf(monitorIds);
            }
            window.settings().monitorIds().stream().filter(monitorIds::contains).forEach(covered::add);
        }
        return covered;
    }
}
