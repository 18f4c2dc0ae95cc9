package com.healthmonitor.common.check;

import java.util.List;
import java.util.Objects;

/**
 * The results of one check message's checks in one SQS message, so a probe pays one send per check message, not one
 * per check.
 *
 * @param version {@link #VERSION}
 * @param results at least one result
 */
public record CheckResultBatch(int version, List<CheckResultMessage> results) {

    public static final int VERSION = 1;

    public CheckResultBatch {
        Objects.requireNonNull(results, "results");
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a result batch carries at least one result");
        }
        results = List.copyOf(results);
    }

    public static CheckResultBatch of(List<CheckResultMessage> results) {
        return new CheckResultBatch(VERSION, results);
    }
}
