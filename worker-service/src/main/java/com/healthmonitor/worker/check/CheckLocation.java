package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.Locations;

/**
 * The location a check runs from, bound for the duration of one check ({@link ConcurrentChecks}), so that each request
 * to an HTTP target names it in {@link Locations#HEADER} without every checker passing it along.
 */
final class CheckLocation {

    static final ScopedValue<String> CURRENT = ScopedValue.newInstance();

    private CheckLocation() {}
}
