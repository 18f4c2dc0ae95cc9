package com.healthmonitor.api.maintenance;

import com.healthmonitor.common.maintenance.MaintenanceWindow;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
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

    /** Every window's schedule (whichever monitors it covers), for the time spent under maintenance. */
    public List<MaintenanceWindow> schedules() {
        return windows.all().stream()
                .map(MaintenanceWindowRepository.Stored::schedule)
                .toList();
    }
}
