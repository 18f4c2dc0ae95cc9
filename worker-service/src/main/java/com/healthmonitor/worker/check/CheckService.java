package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.state.Applied;
import com.healthmonitor.worker.state.ResultRecorder;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** One check message, end to end: skip if pointless, check the target, apply the result. */
@Service
class CheckService {

    private static final Logger log = LoggerFactory.getLogger(CheckService.class);

    private final ResultRecorder recorder;
    private final HttpChecker checker;
    private final CheckCounters counters;

    CheckService(ResultRecorder recorder, HttpChecker checker, CheckCounters counters) {
        this.recorder = recorder;
        this.checker = checker;
        this.counters = counters;
    }

    /** Returns normally only when the outcome is committed (or nothing needed writing): then the message goes. */
    Applied process(CheckRequest request) {
        Optional<Applied> skip = recorder.skipReason(request);
        if (skip.isPresent()) {
            log.debug("[CHECK] monitor={} slot={} skipped: {}", request.monitorId(), request.slot(), skip.get());
            counters.record(skip.get());
            return skip.get();
        }
        CheckResult result = checker.check(request.url(), request.timeoutSeconds(), request.check());
        counters.recordCheck(result.success(), Duration.ofMillis(result.latencyMs()));
        Applied applied = recorder.apply(request, result);
        counters.record(applied);
        log.debug(
                "[CHECK] monitor={} slot={} success={} status={} latency={}ms error={} -> {}",
                request.monitorId(),
                request.slot(),
                result.success(),
                result.statusCode(),
                result.latencyMs(),
                result.error(),
                applied);
        return applied;
    }
}
