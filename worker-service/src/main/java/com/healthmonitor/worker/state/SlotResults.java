package com.healthmonitor.worker.state;

import com.healthmonitor.worker.result.CheckResult;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The results of one slot of a monitor checked from several locations, and what they add up to. Pure.
 *
 * <p>A slot failed when at least {@code minFailing} locations failed it, succeeded when too few locations are left to
 * reach that. Until then it waits; once nothing more is awaited (its deadline passed, or a later slot was decided) a
 * missing result counts as unknown, never as a failure: a slot that some location passed succeeded, one that no
 * location passed is unknown and changes nothing.
 */
record SlotResults(Instant slot, List<LocationResult> results) {

    /** One location's result of the slot. */
    record LocationResult(String location, CheckResult result, boolean inMaintenance) {}

    enum Verdict {
        FAILED,
        SUCCEEDED,
        UNKNOWN
    }

    List<LocationResult> failures() {
        return results.stream()
                .filter(r -> !r.result().success())
                .sorted(Comparator.comparing(LocationResult::location))
                .toList();
    }

    /** The verdict the results give already, or null while the missing ones could still change it. */
    Verdict decided(int locations, int minFailing) {
        int failed = failures().size();
        int passed = results.size() - failed;
        if (failed >= minFailing) {
            return Verdict.FAILED;
        }
        // Not enough locations left to fail it (also: every location answered).
        if (passed > locations - minFailing) {
            return Verdict.SUCCEEDED;
        }
        return null;
    }

    /** The verdict once no more results are awaited. */
    Verdict resolved(int locations, int minFailing) {
        Verdict decided = decided(locations, minFailing);
        if (decided != null) {
            return decided;
        }
        return results.size() > failures().size() ? Verdict.SUCCEEDED : Verdict.UNKNOWN;
    }

    boolean inMaintenance() {
        return results.stream().anyMatch(LocationResult::inMaintenance);
    }

    /**
     * The result that stands for the slot: for a failure the newest failed one, its error naming every failing
     * location and why ({@code Failed from: eu-west-1 (timeout after 5s), us-east-1 (connection refused)}); else the
     * newest result of the verdict's kind.
     */
    CheckResult representative(Verdict verdict) {
        boolean success = verdict == Verdict.SUCCEEDED;
        List<LocationResult> candidates = results.stream()
                .filter(r -> verdict == Verdict.UNKNOWN || r.result().success() == success)
                .toList();
        CheckResult newest = candidates.stream()
                .map(LocationResult::result)
                .max(Comparator.comparing(CheckResult::checkedAt))
                .orElseThrow();
        if (verdict != Verdict.FAILED) {
            return newest;
        }
        String reasons = failures().stream()
                .map(r -> r.location() + " (" + r.result().error() + ")")
                .collect(Collectors.joining(", ", "Failed from: ", ""));
        return new CheckResult(
                newest.checkedAt(),
                false,
                newest.statusCode(),
                newest.latencyMs(),
                reasons,
                newest.tls(),
                newest.responded(),
                newest.lastPing());
    }
}
