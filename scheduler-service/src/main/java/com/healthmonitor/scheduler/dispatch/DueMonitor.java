package com.healthmonitor.scheduler.dispatch;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckSpec;
import java.time.Instant;

/** A monitor whose slot has come, as claimed from the database, with what its check needs. */
record DueMonitor(
        long id, Instant slot, int intervalSeconds, long configVersion, String url, int timeout, CheckSpec check) {

    CheckRequest toCheckRequest() {
        return CheckRequest.of(id, slot, configVersion, url, timeout, check);
    }

    /** Its next slot on its grid, when this one is sent at {@code now}. */
    Instant nextSlot(Instant now) {
        return SlotGrid.next(id, intervalSeconds, slot, now);
    }
}
