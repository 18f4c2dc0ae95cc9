package com.healthmonitor.api.slo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A monitor's status over time from its status changes: the intervals it was DOWN. */
final class StatusTimeline {

    record Change(Instant at, String newStatus) {}

    private StatusTimeline() {}

    /**
     * The DOWN intervals within [from, to), given the status in force at {@code from} and the changes after it, in
     * order.
     */
    static List<Interval> down(String statusAtFrom, List<Change> changes, Instant from, Instant to) {
        List<Interval> down = new ArrayList<>();
        String status = statusAtFrom;
        Instant since = from;
        for (Change change : changes) {
            if (change.at().isBefore(from) || !change.at().isBefore(to)) {
                continue;
            }
            if ("DOWN".equals(status)) {
                down.add(new Interval(since, change.at()));
            }
            status = change.newStatus();
            since = change.at();
        }
        if ("DOWN".equals(status)) {
            down.add(new Interval(since, to));
        }
        return Interval.union(down);
    }
}
