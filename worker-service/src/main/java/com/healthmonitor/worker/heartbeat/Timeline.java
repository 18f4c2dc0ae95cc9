package com.healthmonitor.worker.heartbeat;

import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.worker.result.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One heartbeat's pings and silences as results, in time order. Pure: the job locks, reads and writes.
 *
 * <p>A ping is a successful result and moves the deadline to a full period and its grace later; {@code /fail} is a
 * failed result that moves it alike (the job did report); {@code /start} is no result and moves it to the grace
 * later, so a run that never ends is caught. Each deadline that passes without a ping is one failed result at the
 * deadline, the next deadline a period later: a heartbeat silent for three days of a daily period has three, so
 * uptime counts periods with and without a ping.
 */
final class Timeline {

    enum Kind {
        SUCCESS,
        FAIL,
        START
    }

    record Ping(Kind kind, Instant at) {}

    /** What the job knows of a heartbeat before the run. */
    record Heartbeat(
            CheckTarget.Heartbeat target,
            Instant deadline,
            Instant lastPingAt,
            Instant runStartedAt,
            Instant createdAt,
            Instant lastAppliedSlot) {}

    /** The results to record, in time order, and the heartbeat's new deadline, last ping and started run. */
    record Outcome(List<CheckResult> results, Instant deadline, Instant lastPingAt, Instant runStartedAt) {}

    private final CheckTarget.Heartbeat target;
    private final int maxMisses;
    private final Instant createdAt;
    private final List<CheckResult> results = new ArrayList<>();
    private Instant deadline;
    private Instant lastPingAt;
    private Instant runStartedAt;
    private Instant lastSlot;
    private int misses;

    private Timeline(Heartbeat heartbeat, int maxMisses) {
        this.target = heartbeat.target();
        this.maxMisses = maxMisses;
        this.createdAt = heartbeat.createdAt();
        this.deadline = heartbeat.deadline();
        this.lastPingAt = heartbeat.lastPingAt();
        this.runStartedAt = heartbeat.runStartedAt();
        this.lastSlot = heartbeat.lastAppliedSlot();
    }

    /** @param pings the pings received since the last run, oldest first */
    static Outcome of(Heartbeat heartbeat, List<Ping> pings, Instant now, int maxMisses) {
        Timeline timeline = new Timeline(heartbeat, maxMisses);
        for (Ping ping : pings) {
            timeline.missesBefore(ping.at());
            timeline.apply(ping);
        }
        timeline.missesUntil(now);
        return new Outcome(
                List.copyOf(timeline.results), timeline.deadline, timeline.lastPingAt, timeline.runStartedAt);
    }

    private void apply(Ping ping) {
        switch (ping.kind()) {
            case SUCCESS -> result(ping.at(), null, ping.at());
            case FAIL -> result(ping.at(), "the job reported a failure (/fail)", ping.at());
            case START -> {
                runStartedAt = ping.at();
                deadline = ping.at().plusSeconds(target.grace());
                return;
            }
        }
        lastPingAt = ping.at();
        runStartedAt = null;
        deadline = ping.at().plusSeconds((long) target.period() + target.grace());
    }

    /** A ping exactly at the deadline is in time. */
    private void missesBefore(Instant at) {
        while (deadline.isBefore(at) && misses < maxMisses) {
            miss();
        }
    }

    private void missesUntil(Instant now) {
        while (!deadline.isAfter(now) && misses < maxMisses) {
            miss();
        }
    }

    private void miss() {
        Instant since = lastPingAt == null ? createdAt : lastPingAt;
        String silence = CheckTarget.Heartbeat.span(Duration.between(since, deadline)
                .truncatedTo(ChronoUnit.SECONDS)
                .toSeconds());
        String reason = runStartedAt != null
                ? "a run started "
                        + CheckTarget.Heartbeat.span(Duration.between(runStartedAt, deadline)
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toSeconds())
                        + " ago did not report its end; no ping for " + silence
                : "no ping for " + silence;
        // The last ping is an alert line of its own (AlertMessage.lastPing), not part of the reason.
        result(deadline, reason, lastPingAt);
        runStartedAt = null;
        deadline = deadline.plusSeconds(target.period());
        misses++;
    }

    /**
     * A result at {@code at}, or just after the last one recorded: a ping the API received just before a deadline
     * but committed after the job recorded that miss must still be news, not a stale slot.
     */
    private void result(Instant at, String error, Instant lastPing) {
        Instant slot = at.truncatedTo(ChronoUnit.MICROS);
        if (lastSlot != null && !slot.isAfter(lastSlot)) {
            slot = lastSlot.plus(1, ChronoUnit.MICROS);
        }
        lastSlot = slot;
        results.add(CheckResult.heartbeat(slot, error, lastPing));
    }
}
