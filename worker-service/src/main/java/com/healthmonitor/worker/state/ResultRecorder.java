package com.healthmonitor.worker.state;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.worker.maintenance.Maintenance;
import com.healthmonitor.worker.maintenance.MaintenanceCoverage;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.result.TlsInspection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies the results of a batch of checks in one transaction and a few statements, whatever the batch's size: lock
 * the monitors (id order), insert the history rows, add them to the hourly rollups, update every monitor's state at
 * once; and for the rare transition its status_changes row and one outbox delivery per destination.
 *
 * <p>Per monitor the rules are those of one result at a time, applied in slot order: a deleted or disabled monitor
 * takes nothing, a result of an older configuration is dropped, a result already recorded changes nothing (so a
 * redelivered batch changes nothing twice), a result older than the last applied slot is history but not news, and
 * during maintenance results are kept, excluded from uptime and alert nowhere.
 */
@Service
public class ResultRecorder {

    private final SkipReasons skipReasons;
    private final MonitorRows monitors;
    private final ResultRows history;
    private final HourlyRollup hourlyRollup;
    private final ThresholdStateMachine stateMachine;
    private final StatusChanges statusChanges;
    private final CertificateWarnings certificateWarnings;
    private final Maintenance maintenance;

    ResultRecorder(
            SkipReasons skipReasons,
            MonitorRows monitors,
            ResultRows history,
            HourlyRollup hourlyRollup,
            ThresholdStateMachine stateMachine,
            StatusChanges statusChanges,
            CertificateWarnings certificateWarnings,
            Maintenance maintenance) {
        this.skipReasons = skipReasons;
        this.monitors = monitors;
        this.history = history;
        this.hourlyRollup = hourlyRollup;
        this.stateMachine = stateMachine;
        this.statusChanges = statusChanges;
        this.certificateWarnings = certificateWarnings;
        this.maintenance = maintenance;
    }

    /**
     * For each request, in order, why it needs no HTTP check (deleted, disabled, expired, reconfigured or already
     * recorded), or empty. One query for the whole batch; not authoritative, {@link #applyAll} decides again.
     */
    public List<Optional<Applied>> skipReasons(List<CheckRequest> requests) {
        return requests.isEmpty() ? List.of() : skipReasons.of(requests);
    }

    /** A batch of one. */
    @Transactional
    public Applied apply(CheckRequest request, CheckResult result) {
        return applyAll(List.of(new Checked(request, result))).getFirst();
    }

    /** Applies a batch's results; returns what happened to each, in order. Returns only once committed. */
    @Transactional
    public List<Applied> applyAll(List<Checked> batch) {
        Applied[] outcomes = new Applied[batch.size()];
        if (batch.isEmpty()) {
            return List.of();
        }
        Map<Long, MonitorRows.Locked> locked =
                monitors.lock(batch.stream().map(c -> c.request().monitorId()).collect(Collectors.toSet()));
        MaintenanceCoverage windows = maintenance.coverage(locked.keySet());
        List<Recorded> candidates = new ArrayList<>();
        Set<Recorded.Key> seen = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            Checked checked = batch.get(i);
            CheckRequest request = checked.request();
            MonitorRows.Locked monitor = locked.get(request.monitorId());
            Recorded candidate = new Recorded(
                    i,
                    checked,
                    windows.covers(request.monitorId(), checked.result().checkedAt()));
            if (monitor == null || !monitor.enabled()) {
                outcomes[i] = Applied.MONITOR_GONE;
            } else if (monitor.configVersion() != request.configVersion()) {
                // A changed configuration (URL, expected status, ...) applies from the next check on.
                outcomes[i] = Applied.CONFIG_CHANGED;
            } else if (!seen.add(candidate.key())) {
                outcomes[i] = Applied.DUPLICATE; // the same check twice in one batch
            } else {
                candidates.add(candidate);
            }
        }
        Set<Recorded.Key> inserted = history.insert(candidates);
        List<Recorded> recorded = new ArrayList<>();
        for (Recorded candidate : candidates) {
            if (inserted.contains(candidate.key())) {
                recorded.add(candidate);
            } else {
                outcomes[candidate.index()] = Applied.DUPLICATE;
            }
        }
        // Results taken during maintenance are kept but do not count towards uptime or latency statistics.
        hourlyRollup.addAll(recorded.stream().filter(r -> !r.inMaintenance()).toList());
        Map<Long, List<Recorded>> byMonitor = recorded.stream()
                .sorted(Comparator.comparing(Recorded::slot))
                .collect(Collectors.groupingBy(Recorded::monitorId, TreeMap::new, Collectors.toList()));
        List<MonitorRows.NewState> states = new ArrayList<>();
        byMonitor.forEach((id, results) ->
                applyInSlotOrder(locked.get(id), results, outcomes).ifPresent(states::add));
        monitors.update(states);
        return Arrays.asList(outcomes);
    }

    /** Applies one monitor's new results, oldest slot first, as if they had come one at a time. */
    private Optional<MonitorRows.NewState> applyInSlotOrder(
            MonitorRows.Locked monitor, List<Recorded> results, Applied[] outcomes) {
        MonitorState state = monitor.state();
        Instant lastApplied = monitor.lastAppliedSlot();
        Instant lastChange = monitor.lastStatusChangeAt();
        String warnedCertificate = monitor.warnedCertificate();
        Recorded latest = null;
        Instant changedAt = null;
        boolean suppressed = false;
        // The thresholds of the row just locked: a change applies from these results on, counters untouched.
        Thresholds thresholds = stateMachine.thresholds(monitor.failThreshold(), monitor.successThreshold());
        for (Recorded result : results) {
            if (certificateWarnings.recordIfDue(
                    result.checked().request(),
                    result.result(),
                    new CertificateWarnings.Monitor(
                            monitor.name(), monitor.url(), monitor.webhookUrl(), warnedCertificate),
                    result.inMaintenance())) {
                warnedCertificate = certificate(result.result().tls());
            }
            // An older slot arriving late (a straggler or a retried message) is history, not news.
            if (lastApplied != null && !result.slot().isAfter(lastApplied)) {
                outcomes[result.index()] = Applied.STALE;
                continue;
            }
            ThresholdStateMachine.Outcome outcome =
                    stateMachine.apply(state, result.result().success(), thresholds);
            state = outcome.state();
            lastApplied = result.slot();
            latest = result;
            outcomes[result.index()] = outcome.transition().isPresent() ? Applied.TRANSITIONED : Applied.APPLIED;
            if (outcome.transition().isPresent()) {
                statusChanges.record(result, monitor, outcome.transition().get(), lastChange, result.inMaintenance());
                lastChange = result.result().checkedAt();
                changedAt = lastChange;
                suppressed |= result.inMaintenance();
            }
        }
        if (latest == null) {
            return Optional.empty();
        }
        return Optional.of(
                new MonitorRows.NewState(monitor.id(), state, latest.result(), latest.slot(), changedAt, suppressed));
    }

    private static String certificate(TlsInspection tls) {
        return tls == null ? null : tls.certificate();
    }
}
