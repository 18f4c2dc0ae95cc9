package com.healthmonitor.worker.state;

import static com.healthmonitor.common.database.Timestamps.instant;

import com.healthmonitor.common.check.CheckSettingsJson;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.worker.result.CheckResult;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The monitor rows a batch touches: locked together, updated together. */
@Component
class MonitorRows {

    private final JdbcClient jdbc;

    MonitorRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the monitors of a batch in id order, so that two workers with overlapping batches wait for each other
     * instead of deadlocking. The lock serialises results of one monitor across workers. Deleted monitors are
     * missing from the map.
     */
    Map<Long, Locked> lock(Collection<Long> ids) {
        Map<Long, Locked> locked = new TreeMap<>();
        jdbc.sql("""
                        SELECT id, name, url, target::text AS target, webhook_url, enabled, config_version, status, consecutive_failures,
                               consecutive_successes, last_applied_slot, last_status_change_at,
                               fail_threshold, success_threshold, tls_warned_certificate,
                               locations, min_failing_locations, timeout
                        FROM monitors WHERE id = ANY (:ids) ORDER BY id FOR UPDATE""")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, n) -> new Locked(
                        rs.getLong("id"),
                        rs.getString("name"),
                        CheckSettingsJson.display(rs.getString("url"), rs.getString("target")),
                        rs.getString("webhook_url"),
                        rs.getBoolean("enabled"),
                        rs.getLong("config_version"),
                        new MonitorState(
                                MonitorStatus.valueOf(rs.getString("status")),
                                rs.getInt("consecutive_failures"),
                                rs.getInt("consecutive_successes")),
                        instant(rs, "last_applied_slot"),
                        instant(rs, "last_status_change_at"),
                        rs.getObject("fail_threshold", Integer.class),
                        rs.getObject("success_threshold", Integer.class),
                        rs.getString("tls_warned_certificate"),
                        List.of((String[]) rs.getArray("locations").getArray()),
                        rs.getInt("min_failing_locations"),
                        rs.getInt("timeout")))
                .list()
                .forEach(monitor -> locked.put(monitor.id(), monitor));
        return locked;
    }

    /**
     * Writes the new state of every monitor whose state a batch changed, in one statement. A transition starts the
     * reminder count again; a suppressed one (maintenance) flags the monitor so that the window's end is noticed
     * (and alerts if still DOWN) even when the window was too short to be seen.
     */
    void update(List<NewState> states) {
        if (states.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE monitors m
                        SET status = v.status, consecutive_failures = v.failures,
                            consecutive_successes = v.successes, last_checked_at = v.checked_at,
                            last_status_code = v.status_code, last_latency_ms = v.latency, last_error = v.error,
                            last_applied_slot = v.slot,
                            last_status_change_at = coalesce(v.changed_at, m.last_status_change_at),
                            reminders_sent = CASE WHEN v.changed_at IS NULL THEN m.reminders_sent ELSE 0 END,
                            last_reminder_at = CASE WHEN v.changed_at IS NULL THEN m.last_reminder_at END,
                            in_maintenance = m.in_maintenance OR v.suppressed,
                            failing_locations = string_to_array(v.failing_locations, ',')
                        FROM unnest(CAST(:ids AS bigint[]), CAST(:statuses AS text[]), CAST(:failures AS int[]),
                                    CAST(:successes AS int[]), CAST(:checkedAt AS timestamptz[]),
                                    CAST(:statusCodes AS int[]), CAST(:latencies AS int[]), CAST(:errors AS text[]),
                                    CAST(:slots AS timestamptz[]), CAST(:changedAt AS timestamptz[]),
                                    CAST(:suppressed AS boolean[]), CAST(:failingLocations AS text[]))
                             AS v(id, status, failures, successes, checked_at, status_code, latency, error, slot,
                                  changed_at, suppressed, failing_locations)
                        WHERE m.id = v.id""")
                .param("ids", Batches.longs(states, NewState::monitorId))
                .param(
                        "statuses",
                        Batches.strings(states, s -> s.state().status().name()))
                .param("failures", Batches.integers(states, s -> s.state().consecutiveFailures()))
                .param("successes", Batches.integers(states, s -> s.state().consecutiveSuccesses()))
                .param("checkedAt", Batches.timestamps(states, s -> s.latest().checkedAt()))
                .param("statusCodes", Batches.integers(states, s -> s.latest().statusCode()))
                .param("latencies", Batches.integers(states, s -> s.latest().latencyMs()))
                .param("errors", Batches.strings(states, s -> s.latest().error()))
                .param("slots", Batches.timestamps(states, NewState::slot))
                .param("changedAt", Batches.timestamps(states, NewState::statusChangedAt))
                .param("suppressed", Batches.booleans(states, NewState::suppressed))
                // Location names hold no commas.
                .param("failingLocations", Batches.strings(states, s -> String.join(",", s.failingLocations())))
                .update();
    }

    /** Adds locations to the failing ones of the monitors' last applied slots (their results came after it). */
    void addFailingLocations(Map<Long, List<String>> locations) {
        locations.forEach((id, names) -> jdbc.sql("""
                        UPDATE monitors
                        SET failing_locations = ARRAY(
                            SELECT DISTINCT unnest(failing_locations || CAST(:names AS text[])) ORDER BY 1)
                        WHERE id = :id""")
                .param("names", names.toArray(String[]::new))
                .param("id", id)
                .update());
    }

    /** What applying needs of a locked monitor row; {@code url} is the target as alerts show it. */
    record Locked(
            long id,
            String name,
            String url,
            String webhookUrl,
            boolean enabled,
            long configVersion,
            MonitorState state,
            Instant lastAppliedSlot,
            Instant lastStatusChangeAt,
            Integer failThreshold,
            Integer successThreshold,
            String warnedCertificate,
            List<String> locations,
            int minFailingLocations,
            int timeoutSeconds) {

        /** Checked from one location: each result is its slot's verdict, as before locations. */
        boolean singleLocation() {
            return locations.size() == 1;
        }
    }

    /**
     * A monitor's state after the results of a batch.
     *
     * @param latest the newest applied result, whose details the monitor shows
     * @param slot that result's slot
     * @param statusChangedAt when the last transition of the batch happened, null without one
     * @param suppressed whether a transition of the batch happened during maintenance
     * @param failingLocations the locations that failed the last applied slot
     */
    record NewState(
            long monitorId,
            MonitorState state,
            CheckResult latest,
            Instant slot,
            Instant statusChangedAt,
            boolean suppressed,
            List<String> failingLocations) {}
}
