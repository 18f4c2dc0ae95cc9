package com.healthmonitor.common.check;

import java.util.List;
import java.util.Objects;

/**
 * Message format version 3: one SQS message carrying several checks, so that send, receive and delete are paid once
 * per batch instead of once per check. Each nested check is a version-2 {@link CheckRequest}, identified as before by
 * monitor and slot, so a redelivered batch is recognised check by check.
 *
 * @param version {@link #VERSION}
 * @param checks at least one check
 */
public record CheckBatch(int version, List<CheckRequest> checks) {

    public static final int VERSION = 3;

    public CheckBatch {
        Objects.requireNonNull(checks, "checks");
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a batch carries at least one check");
        }
        checks = List.copyOf(checks);
    }

    public static CheckBatch of(List<CheckRequest> checks) {
        return new CheckBatch(VERSION, checks);
    }
}
