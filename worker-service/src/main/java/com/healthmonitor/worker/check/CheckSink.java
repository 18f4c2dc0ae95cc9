package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.CheckRequest;
import java.util.List;

/**
 * Where the checks of a message go once {@link CheckListener} has read it: a full worker checks them and records the
 * results ({@link CheckService}), a probe checks them and sends the results to the home region's results queue.
 */
public interface CheckSink {

    /**
     * Checks {@code batch} and records or sends on its results; returns only once they are safe (the message is then
     * deleted), throws to have the message come back after the visibility timeout.
     */
    void accept(List<CheckRequest> batch);

    /** The tag of the listener's log lines: {@code CHECK}, {@code PROBE}. */
    String logTag();

    /** What a failed {@link #accept} did not do, for the log: {@code recorded}, {@code sent}. */
    String outcome();
}
