package com.healthmonitor.scheduler.dispatch;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.common.check.Locations;
import java.time.Instant;
import java.util.List;

/**
 * A monitor whose slot has come, as claimed from the database, with what its check needs and the locations that check
 * it.
 */
record DueMonitor(
        long id,
        Instant slot,
        int intervalSeconds,
        long configVersion,
        int timeout,
        CheckTarget target,
        List<String> locations) {

    DueMonitor {
        locations = List.copyOf(locations);
    }

    /** Checked from the default location only. */
    DueMonitor(long id, Instant slot, int intervalSeconds, long configVersion, int timeout, CheckTarget target) {
        this(id, slot, intervalSeconds, configVersion, timeout, target, List.of(Locations.DEFAULT));
    }

    /** Its check as sent to the default location's queue. */
    CheckRequest toCheckRequest() {
        return toCheckRequest(Locations.DEFAULT);
    }

    CheckRequest toCheckRequest(String location) {
        return CheckRequest.of(id, slot, configVersion, timeout, target).withLocation(location);
    }

    /** Its next slot on its grid, when this one is sent at {@code now}. */
    Instant nextSlot(Instant now) {
        return SlotGrid.next(id, intervalSeconds, slot, now);
    }
}
