package com.healthmonitor.worker.probe;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckResultMessage;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.worker.check.CheckCounters;
import com.healthmonitor.worker.check.CheckSink;
import com.healthmonitor.worker.check.ConcurrentChecks;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.result.TlsInspection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A probe's whole job once the check listener has read a message: check every target in it, send the results to the
 * results queue. Returning only after SQS accepted the results, so the check message is deleted only then; a check
 * that could not run or a failed send leaves it to come back, and the results of a second delivery are recognised as
 * duplicates by the recorder (at-least-once, exactly once in effect).
 */
class ResultForwarder implements CheckSink {

    private final ConcurrentChecks checks;
    private final CheckCounters counters;
    private final ResultSender sender;
    private final String location;

    ResultForwarder(ConcurrentChecks checks, CheckCounters counters, ResultSender sender, String location) {
        this.checks = checks;
        this.counters = counters;
        this.sender = sender;
        this.location = location;
    }

    @Override
    public void accept(List<CheckRequest> batch) {
        List<CheckResult> results = checks.run(batch);
        List<CheckResultMessage> messages = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            CheckResult result = results.get(i);
            counters.recordCheck(result.success(), Duration.ofMillis(result.latencyMs()));
            messages.add(message(batch.get(i), result));
        }
        sender.send(messages);
    }

    @Override
    public String logTag() {
        return "PROBE";
    }

    @Override
    public String outcome() {
        return "sent";
    }

    private CheckResultMessage message(CheckRequest request, CheckResult result) {
        TlsInspection tls = result.tls();
        return new CheckResultMessage(
                CheckResultMessage.CURRENT_VERSION,
                request.monitorId(),
                request.slot(),
                request.configVersion(),
                location,
                request.timeoutSeconds(),
                // The certificate warning threshold the recorder applies, as the home region's worker reads it.
                CheckTarget.tlsExpiryDays(request.target()),
                result.checkedAt(),
                result.success(),
                result.statusCode(),
                result.latencyMs(),
                result.error(),
                result.responded(),
                tls == null ? null : tls.expiresAt(),
                tls == null ? null : tls.certificate());
    }
}
