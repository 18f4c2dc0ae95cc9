package com.healthmonitor.worker.probe;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.check.CheckRequestCodec.UnreadableCheckRequestException;
import com.healthmonitor.common.check.CheckResultMessage;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.worker.check.CheckCounters;
import com.healthmonitor.worker.check.CheckListenerConfiguration;
import com.healthmonitor.worker.check.ConcurrentChecks;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.result.TlsInspection;
import io.awspring.cloud.sqs.annotation.SqsListener;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A probe's whole job: receive a check message, check every target in it, send the results to the results queue.
 * The container deletes the check message only when this returns, i.e. after SQS accepted the results; an exception
 * (a check that could not run, a failed send) leaves it to come back after the visibility timeout, and the results
 * of a second delivery are recognised as duplicates by the recorder (at-least-once, exactly once in effect).
 */
class ProbeListener {

    private static final Logger log = LoggerFactory.getLogger(ProbeListener.class);

    private final CheckRequestCodec codec = new CheckRequestCodec();
    private final ConcurrentChecks checks;
    private final CheckCounters counters;
    private final ResultSender sender;
    private final String location;

    ProbeListener(ConcurrentChecks checks, CheckCounters counters, ResultSender sender, String location) {
        this.checks = checks;
        this.counters = counters;
        this.sender = sender;
        this.location = location;
    }

    @SqsListener(value = "${health-monitor.sqs.queue-url}", factory = CheckListenerConfiguration.FACTORY)
    void receive(String body) {
        List<CheckRequest> batch;
        try {
            batch = codec.readAll(body);
        } catch (UnreadableCheckRequestException e) {
            counters.recordUnreadable();
            log.warn("[PROBE] unreadable message left for the DLQ: {}", e.getMessage());
            throw e;
        }
        Timer.Sample received = counters.received(batch.size());
        CheckRequest first = batch.getFirst();
        try (var monitor = MDC.putCloseable("monitor_id", Long.toString(first.monitorId()));
                var slot = MDC.putCloseable("slot", first.slot().toString())) {
            List<CheckResult> results = checks.run(batch);
            List<CheckResultMessage> messages = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                CheckResult result = results.get(i);
                counters.recordCheck(result.success(), Duration.ofMillis(result.latencyMs()));
                messages.add(message(batch.get(i), result));
            }
            sender.send(messages);
            counters.committed(received, batch.size()); // a probe's checks are done once their results are sent
        } catch (RuntimeException e) {
            counters.abandoned(batch.size());
            log.warn(
                    "[PROBE] monitor={} slot={}{} not sent, message will be retried: {}",
                    first.monitorId(),
                    first.slot(),
                    batch.size() == 1 ? "" : " and " + (batch.size() - 1) + " more checks",
                    e.toString());
            throw e;
        }
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
                tlsExpiryDays(request.target()),
                result.checkedAt(),
                result.success(),
                result.statusCode(),
                result.latencyMs(),
                result.error(),
                result.responded(),
                tls == null ? null : tls.expiresAt(),
                tls == null ? null : tls.certificate());
    }

    /** The certificate warning threshold the recorder applies, as the home region's worker reads it. */
    static int tlsExpiryDays(CheckTarget target) {
        return switch (target) {
            case CheckTarget.Http http -> http.spec().tlsExpiryDays();
            case CheckTarget.Tcp tcp -> tcp.tlsExpiryDays();
            case CheckTarget.Dns dns -> 0;
            case CheckTarget.Heartbeat heartbeat -> 0;
        };
    }
}
