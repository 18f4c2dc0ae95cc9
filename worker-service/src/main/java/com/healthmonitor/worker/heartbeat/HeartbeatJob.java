package com.healthmonitor.worker.heartbeat;

import static com.healthmonitor.common.database.Timestamps.instant;
import static com.healthmonitor.common.database.Timestamps.utc;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckSettingsJson;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.state.Checked;
import com.healthmonitor.worker.state.ResultRecorder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The heartbeats' checker, run on a short schedule: applies the pings the API received ({@code heartbeat_pings}) and
 * records a failed result for each deadline that passed without one, through the {@link ResultRecorder} every check
 * takes, so statuses, alerts, history and uptime work as for any type.
 *
 * <p>Exactly once across workers and restarts: the due heartbeats are locked with SKIP LOCKED, and their results,
 * new deadlines and the pings they consumed are written in one transaction; a worker that dies mid-way changes
 * nothing, another takes the heartbeat on its next run. Its cost is an index range scan of {@code ping_deadline} and
 * the inbox, not a query per monitor.
 */
@Component
class HeartbeatJob {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatJob.class);

    private final JdbcClient jdbc;
    private final ResultRecorder recorder;
    private final HeartbeatProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;

    HeartbeatJob(
            JdbcClient jdbc,
            ResultRecorder recorder,
            HeartbeatProperties properties,
            Clock clock,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.recorder = recorder;
        this.properties = properties;
        this.clock = clock;
        this.transactions = transactions;
    }

    @Scheduled(
            initialDelayString = "${health-monitor.heartbeat.check-interval:1s}",
            fixedDelayString = "${health-monitor.heartbeat.check-interval:1s}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("[HEARTBEAT] could not apply pings and silences, will retry: {}", e.toString());
        }
    }

    /** Applies everything due at the clock's current time; returns how many results were recorded. */
    int run() {
        Instant now = clock.instant();
        int recorded = 0;
        while (true) {
            // A template, not @Transactional: scheduled() calls this on the bean itself, past any proxy.
            Batch batch = transactions.execute(tx -> applyDue(now));
            recorded += batch.results();
            if (batch.heartbeats() < properties.batchSize()) {
                return recorded;
            }
        }
    }

    private record Batch(int heartbeats, int results) {}

    private record Due(long id, boolean enabled, long configVersion, Timeline.Heartbeat heartbeat) {}

    private Batch applyDue(Instant now) {
        List<Due> due = jdbc.sql("""
                        SELECT id, enabled, config_version, target::text AS target, ping_deadline, last_ping_at,
                               run_started_at, created_at, last_applied_slot
                        FROM monitors
                        WHERE type = 'heartbeat'
                          AND id IN (SELECT id FROM monitors
                                     WHERE type = 'heartbeat' AND enabled AND ping_deadline <= :now
                                     UNION ALL
                                     SELECT monitor_id FROM heartbeat_pings)
                        ORDER BY id
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED""")
                .param("now", utc(now))
                .param("limit", properties.batchSize())
                .query((rs, n) -> new Due(
                        rs.getLong("id"),
                        rs.getBoolean("enabled"),
                        rs.getLong("config_version"),
                        new Timeline.Heartbeat(
                                (CheckTarget.Heartbeat) CheckSettingsJson.readTarget(rs.getString("target")),
                                instant(rs, "ping_deadline"),
                                instant(rs, "last_ping_at"),
                                instant(rs, "run_started_at"),
                                instant(rs, "created_at"),
                                instant(rs, "last_applied_slot"))))
                .list();
        if (due.isEmpty()) {
            return new Batch(0, 0);
        }
        Map<Long, List<Timeline.Ping>> pings = takePings(due);
        List<Checked> checked = new ArrayList<>();
        List<Due> moved = new ArrayList<>();
        List<Timeline.Outcome> outcomes = new ArrayList<>();
        for (Due monitor : due) {
            if (!monitor.enabled()) {
                continue; // not watched: its pings are dropped
            }
            Timeline.Outcome outcome = Timeline.of(
                    monitor.heartbeat(),
                    pings.getOrDefault(monitor.id(), List.of()),
                    now,
                    properties.maxMissesPerRun());
            for (CheckResult result : outcome.results()) {
                checked.add(new Checked(
                        CheckRequest.of(
                                monitor.id(),
                                result.checkedAt(),
                                monitor.configVersion(),
                                1,
                                monitor.heartbeat().target()),
                        result));
            }
            moved.add(monitor);
            outcomes.add(outcome);
        }
        if (!checked.isEmpty()) {
            recorder.applyAll(checked);
        }
        update(moved, outcomes);
        log.debug("[HEARTBEAT] {} heartbeats, {} results", due.size(), checked.size());
        return new Batch(due.size(), checked.size());
    }

    /** Removes the locked heartbeats' pings from the inbox and returns them, oldest first per heartbeat. */
    private Map<Long, List<Timeline.Ping>> takePings(List<Due> due) {
        record Received(long monitorId, long id, Timeline.Ping ping) {}
        Map<Long, List<Timeline.Ping>> byMonitor = new HashMap<>();
        jdbc
                .sql("""
                        DELETE FROM heartbeat_pings WHERE monitor_id = ANY (:ids)
                        RETURNING monitor_id, id, kind, received_at""")
                .param("ids", due.stream().map(Due::id).toArray(Long[]::new))
                .query((rs, n) -> new Received(
                        rs.getLong("monitor_id"),
                        rs.getLong("id"),
                        new Timeline.Ping(
                                Timeline.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                                instant(rs, "received_at"))))
                .list()
                .stream()
                .sorted(java.util.Comparator.comparing((Received r) -> r.ping().at())
                        .thenComparing(Received::id))
                .forEach(r -> byMonitor
                        .computeIfAbsent(r.monitorId(), id -> new ArrayList<>())
                        .add(r.ping()));
        return byMonitor;
    }

    private void update(List<Due> monitors, List<Timeline.Outcome> outcomes) {
        if (monitors.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE monitors m
                        SET ping_deadline = v.deadline, last_ping_at = v.last_ping, run_started_at = v.started
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:deadlines AS timestamptz[]),
                                    CAST(:lastPings AS timestamptz[]), CAST(:started AS timestamptz[]))
                             AS v(id, deadline, last_ping, started)
                        WHERE m.id = v.id""")
                .param("ids", monitors.stream().map(Due::id).toArray(Long[]::new))
                .param(
                        "deadlines",
                        texts(outcomes.stream().map(Timeline.Outcome::deadline).toList()))
                .param(
                        "lastPings",
                        texts(outcomes.stream()
                                .map(Timeline.Outcome::lastPingAt)
                                .toList()))
                .param(
                        "started",
                        texts(outcomes.stream()
                                .map(Timeline.Outcome::runStartedAt)
                                .toList()))
                .update();
    }

    private static String[] texts(List<Instant> instants) {
        return instants.stream().map(i -> i == null ? null : i.toString()).toArray(String[]::new);
    }
}
