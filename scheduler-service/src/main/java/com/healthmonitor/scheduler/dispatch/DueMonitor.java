package com.healthmonitor.scheduler.dispatch;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckTarget;
import java.time.Instant;

/** A monitor whose slot has come, as claimed from the database, with what its check needs. */
record DueMonitor(long id, Instant slot, int intervalSeconds, long configVersion, int timeout, CheckTarget target) {

    CheckRequest toCheckRequest() {
        return CheckRequest.of(id, slot, configVersion, timeout, target);
    }

    /** Its next slot on its grid, when this one is sent at {@code now}. */
    Instant nextSlot(Instant now) {
        return SlotGrid.next(id, intervalSeconds, slot, now);
    }
}
