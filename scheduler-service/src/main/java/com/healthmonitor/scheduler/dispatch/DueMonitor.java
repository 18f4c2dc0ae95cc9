package com.healthmonitor.scheduler.dispatch;

import com.healthmonitor.common.check.CheckRequest;
import java.time.Instant;

/** A monitor whose slot has come, as claimed from the database. */
record DueMonitor(long id, Instant slot, long configVersion, String url, int timeout, int expectedStatusCode) {

    CheckRequest toCheckRequest() {
        return CheckRequest.of(id, slot, configVersion, url, timeout, expectedStatusCode);
    }
}
