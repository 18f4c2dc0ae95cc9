package com.healthmonitor.worker.state;

import com.healthmonitor.common.check.Locations;
import com.healthmonitor.worker.result.CheckResult;
import java.time.Instant;

/**
 * A result of a batch on its way into the history.
 *
 * @param index the check's position in its batch, where its outcome goes
 * @param checked the check and its result
 * @param inMaintenance whether a maintenance window of the monitor covered the check
 */
record Recorded(int index, Checked checked, boolean inMaintenance) {

    long monitorId() {
        return checked.request().monitorId();
    }

    /** The slot as PostgreSQL stores it (microseconds), so a row returned by the database matches its request. */
    Instant slot() {
        return Batches.stored(checked.request().slot());
    }

    CheckResult result() {
        return checked.result();
    }

    /** The location the check ran from; a request without one (e.g. a heartbeat's) is the default location's. */
    String location() {
        return location(checked.request().location());
    }

    static String location(String requested) {
        return requested == null ? Locations.DEFAULT : requested;
    }

    Key key() {
        return new Key(monitorId(), slot(), location());
    }

    /** What identifies a check result: the primary key of check_results. */
    record Key(long monitorId, Instant slot, String location) {}
}
