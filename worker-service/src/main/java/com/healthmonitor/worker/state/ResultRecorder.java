package com.healthmonitor.worker.state;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.worker.maintenance.Maintenance;
import com.healthmonitor.worker.maintenance.MaintenanceCoverage;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.result.TlsInspection;
import java.time.Clock;
import java.time.Duration;
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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
 *
 * <p>A monitor checked from several locations records each location's result of a slot; the slot counts (as one
 * result of the state machine) once enough of them are in to decide it (see {@link SlotResults}), in slot order. Its
 * results reach the hourly rollups then, each counted as failed only if the slot was confirmed failed.
 */
@Service
@EnableConfigurationProperties(ConfirmationProperties.class)
public class ResultRecorder {

    private final SkipReasons skipReasons;
    private final MonitorRows monitors;
    private final ResultRows history;
    private final HourlyRollup hourlyRollup;
    private final ThresholdStateMachine stateMachine;
    private final StatusChanges statusChanges;
    private final CertificateWarnings certificateWarnings;
    private final Maintenance maintenance;
    private final SlotResultRows slotResults;
    private final Clock clock;
    private final Duration margin;

    ResultRecorder(
            SkipReasons skipReasons,
            MonitorRows monitors,
            ResultRows history,
            HourlyRollup hourlyRollup,
            ThresholdStateMachine stateMachine,
            StatusChanges statusChanges,
            CertificateWarnings certificateWarnings,
            Maintenance maintenance,
            SlotResultRows slotResults,
            Clock clock,
            ConfirmationProperties confirmation) {
        this.skipReasons = skipReasons;
        this.monitors = monitors;
        this.history = history;
        this.hourlyRollup = hourlyRollup;
        this.stateMachine = stateMachine;
        this.statusChanges = statusChanges;
        this.certificateWarnings = certificateWarnings;
        this.maintenance = maintenance;
        this.slotResults = slotResults;
        this.clock = clock;
        this.margin = confirmation.margin();
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
        hourlyRollup.addAll(recorded.stream()
                .filter(r -> !r.inMaintenance() && locked.get(r.monitorId()).singleLocation())
                .toList());
        Map<Long, List<Recorded>> byMonitor = recorded.stream()
                .sorted(Comparator.comparing(Recorded::slot))
                .collect(Collectors.groupingBy(Recorded::monitorId, TreeMap::new, Collectors.toList()));
        List<MonitorRows.NewState> states = new ArrayList<>();
        Map<Long, List<Recorded>> confirmed = new TreeMap<>();
        byMonitor.forEach((id, results) -> {
            if (locked.get(id).singleLocation()) {
                applyInSlotOrder(locked.get(id), results, outcomes).ifPresent(states::add);
            } else {
                confirmed.put(id, results);
            }
        });
        if (!confirmed.isEmpty()) {
            applyConfirmed(locked, confirmed, outcomes, states);
        }
        monitors.update(states);
        return Arrays.asList(outcomes);
    }

    /**
     * Monitors checked from several locations: their new results join those already recorded for the same slots,
     * and every slot that can be decided now is applied, oldest first.
     */
    private void applyConfirmed(
            Map<Long, MonitorRows.Locked> locked,
            Map<Long, List<Recorded>> byMonitor,
            Applied[] outcomes,
            List<MonitorRows.NewState> states) {
        List<HourlyRollup.Row> rollup = new ArrayList<>();
        List<Recorded> late = new ArrayList<>();
        byMonitor.forEach((id, results) -> {
            MonitorRows.Locked monitor = locked.get(id);
            for (Recorded result : results) {
                recordCertificateWarning(monitor, result);
                if (monitor.lastAppliedSlot() != null && !result.slot().isAfter(monitor.lastAppliedSlot())) {
                    outcomes[result.index()] = Applied.STALE;
                    late.add(result);
                } else {
                    outcomes[result.index()] = Applied.AWAITING_LOCATIONS;
                }
            }
        });
        // A late result counts towards uptime as its slot was decided: failed only if enough locations failed it.
        Map<Recorded.Key, Boolean> lateDown = slotResults.confirmedDown(late, locked);
        Map<Long, List<String>> lateFailures = new TreeMap<>();
        for (Recorded result : late) {
            if (!result.inMaintenance()) {
                rollup.add(rollupRow(result.monitorId(), result.slot(), result.result(), lateDown.get(result.key())));
            }
            // A slot decided by the locations that answered first: a failure arriving after still shows.
            if (!result.result().success()
                    && result.slot().equals(locked.get(result.monitorId()).lastAppliedSlot())) {
                lateFailures
                        .computeIfAbsent(result.monitorId(), id -> new ArrayList<>())
                        .add(result.location());
            }
        }
        monitors.addFailingLocations(lateFailures);
        Map<Long, TreeMap<Instant, SlotResults>> unapplied = slotResults.unapplied(
                byMonitor.keySet().stream().map(locked::get).toList());
        Instant now = clock.instant();
        unapplied.forEach((id, slots) -> {
            MonitorRows.Locked monitor = locked.get(id);
            decide(monitor, slots, now, byMonitor.get(id), outcomes, rollup).ifPresent(states::add);
        });
        hourlyRollup.add(rollup);
    }

    /** Applies the slots that are decided (and every earlier one), in slot order. */
    private Optional<MonitorRows.NewState> decide(
            MonitorRows.Locked monitor,
            TreeMap<Instant, SlotResults> slots,
            Instant now,
            List<Recorded> batch,
            Applied[] outcomes,
            List<HourlyRollup.Row> rollup) {
        int locations = monitor.locations().size();
        int minFailing = monitor.minFailingLocations();
        Duration wait = Duration.ofSeconds(monitor.timeoutSeconds()).plus(margin);
        // The newest slot that can be decided: its results decide it, or its wait is over. Earlier slots are then
        // decided with what they have: a newer slot counts only after them.
        Instant decidable = null;
        for (SlotResults slot : slots.values()) {
            if (slot.decided(locations, minFailing) != null
                    || !now.isBefore(slot.slot().plus(wait))) {
                decidable = slot.slot();
            }
        }
        if (decidable == null) {
            return Optional.empty();
        }
        MonitorState state = monitor.state();
        Instant lastChange = monitor.lastStatusChangeAt();
        Instant changedAt = null;
        boolean suppressed = false;
        CheckResult latest = null;
        Instant latestSlot = null;
        List<String> failing = List.of();
        Thresholds thresholds = stateMachine.thresholds(monitor.failThreshold(), monitor.successThreshold());
        for (SlotResults slot : slots.headMap(decidable, true).values()) {
            SlotResults.Verdict verdict = slot.resolved(locations, minFailing);
            CheckResult representative = slot.representative(verdict);
            boolean inMaintenance = slot.inMaintenance();
            for (SlotResults.LocationResult result : slot.results()) {
                if (!result.inMaintenance()) {
                    rollup.add(rollupRow(
                            monitor.id(), slot.slot(), result.result(), verdict == SlotResults.Verdict.FAILED));
                }
            }
            Applied applied = Applied.APPLIED;
            if (verdict != SlotResults.Verdict.UNKNOWN) {
                ThresholdStateMachine.Outcome outcome =
                        stateMachine.apply(state, verdict == SlotResults.Verdict.SUCCEEDED, thresholds);
                state = outcome.state();
                if (outcome.transition().isPresent()) {
                    applied = Applied.TRANSITIONED;
                    statusChanges.record(
                            slot.slot(),
                            representative,
                            monitor,
                            outcome.transition().get(),
                            lastChange,
                            inMaintenance);
                    lastChange = representative.checkedAt();
                    changedAt = lastChange;
                    suppressed |= inMaintenance;
                }
            }
            for (Recorded result : batch) {
                if (result.slot().equals(slot.slot())) {
                    outcomes[result.index()] = applied;
                }
            }
            latest = representative;
            latestSlot = slot.slot();
            failing = slot.failures().stream()
                    .map(SlotResults.LocationResult::location)
                    .toList();
        }
        return Optional.of(
                new MonitorRows.NewState(monitor.id(), state, latest, latestSlot, changedAt, suppressed, failing));
    }

    private static HourlyRollup.Row rollupRow(long monitorId, Instant slot, CheckResult result, boolean down) {
        return new HourlyRollup.Row(monitorId, slot, !down, result.responded() ? result.latencyMs() : null);
    }

    private void recordCertificateWarning(MonitorRows.Locked monitor, Recorded result) {
        certificateWarnings.recordIfDue(
                result.checked().request(),
                result.result(),
                new CertificateWarnings.Monitor(
                        monitor.name(), monitor.url(), monitor.webhookUrl(), monitor.warnedCertificate()),
                result.inMaintenance());
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
        return Optional.of(new MonitorRows.NewState(
                monitor.id(),
                state,
                latest.result(),
                latest.slot(),
                changedAt,
                suppressed,
                latest.result().success() ? List.of() : List.of(latest.location())));
    }

    private static String certificate(TlsInspection tls) {
        return tls == null ? null : tls.certificate();
    }
}
