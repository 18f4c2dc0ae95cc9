package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.state.Applied;
import com.healthmonitor.worker.state.Checked;
import com.healthmonitor.worker.state.ResultRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One message's checks, end to end: skip those that are pointless (one query), check the others' targets at the same
 * time, apply all results in one transaction.
 */
@Service
class CheckService implements CheckSink {

    private static final Logger log = LoggerFactory.getLogger(CheckService.class);

    private final ResultRecorder recorder;
    private final ConcurrentChecks checks;
    private final CheckCounters counters;
    private final String location;

    CheckService(ResultRecorder recorder, ConcurrentChecks checks, CheckCounters counters, WorkerProperties worker) {
        this.recorder = recorder;
        this.checks = checks;
        this.counters = counters;
        this.location = worker.location();
    }

    @Override
    public void accept(List<CheckRequest> batch) {
        process(batch);
    }

    @Override
    public String logTag() {
        return "CHECK";
    }

    @Override
    public String outcome() {
        return "recorded";
    }

    /**
     * Returns what happened to each check, in order, and only once every outcome is committed (or nothing needed
     * writing): then the message goes. Throws when the batch could not be recorded; the message then comes back.
     */
    List<Applied> process(List<CheckRequest> received) {
        // A check of an older scheduler names no location: it came from this worker's queue, so it is this location's.
        List<CheckRequest> batch = received.stream()
                .map(request -> request.location() == null ? request.withLocation(location) : request)
                .toList();
        List<Optional<Applied>> skips = recorder.skipReasons(batch);
        List<CheckRequest> due = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (skips.get(i).isPresent()) {
                log.debug(
                        "[CHECK] monitor={} slot={} skipped: {}",
                        batch.get(i).monitorId(),
                        batch.get(i).slot(),
                        skips.get(i).get());
            } else {
                due.add(batch.get(i));
            }
        }
        List<CheckResult> results = checks.run(due);
        List<Checked> checked = new ArrayList<>(due.size());
        for (int i = 0; i < due.size(); i++) {
            CheckResult result = results.get(i);
            counters.recordCheck(result.success(), Duration.ofMillis(result.latencyMs()));
            checked.add(new Checked(due.get(i), result));
        }
        // A batch of nothing but skips writes nothing: no transaction.
        Iterator<Applied> applied = checked.isEmpty()
                ? Collections.emptyIterator()
                : recorder.applyAll(checked).iterator();
        Iterator<Checked> checkedInOrder = checked.iterator();
        List<Applied> outcomes = new ArrayList<>(batch.size());
        for (Optional<Applied> skip : skips) {
            Applied outcome = skip.isPresent() ? skip.get() : applied.next();
            if (skip.isEmpty()) {
                log(checkedInOrder.next(), outcome);
            }
            counters.record(outcome);
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private static void log(Checked checked, Applied applied) {
        log.debug(
                "[CHECK] monitor={} slot={} success={} status={} latency={}ms error={} -> {}",
                checked.request().monitorId(),
                checked.request().slot(),
                checked.result().success(),
                checked.result().statusCode(),
                checked.result().latencyMs(),
                checked.result().error(),
                applied);
    }
}
