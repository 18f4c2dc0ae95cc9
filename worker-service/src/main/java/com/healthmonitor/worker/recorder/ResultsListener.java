package com.healthmonitor.worker.recorder;

import com.healthmonitor.common.check.CheckResultMessage;
import com.healthmonitor.common.check.CheckResultMessageCodec;
import com.healthmonitor.common.check.CheckResultMessageCodec.UnreadableCheckResultException;
import com.healthmonitor.worker.check.CheckCounters;
import com.healthmonitor.worker.state.Applied;
import com.healthmonitor.worker.state.Checked;
import com.healthmonitor.worker.state.ResultRecorder;
import io.awspring.cloud.sqs.annotation.SqsListener;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * The recorder: a full worker with {@code RESULTS_QUEUE_URL} set applies what probes in other locations checked,
 * through the same recording path as its own checks ({@link ResultRecorder#applyAll}): per monitor in slot order, a
 * result already recorded changes nothing (a redelivered message), a result older than the last applied slot is
 * history but not news, a result of an older configuration is dropped. The container deletes a message only when
 * this returns, after the transaction committed; an exception leaves it on the queue to come back.
 */
@Component
@ConditionalOnExpression(RecorderConfiguration.ENABLED)
class ResultsListener {

    /** The container's id, so that an embedding application can start or stop the recorder on its own. */
    static final String ID = "results-recorder";

    private static final Logger log = LoggerFactory.getLogger(ResultsListener.class);

    private final CheckResultMessageCodec codec = new CheckResultMessageCodec();
    private final ResultRecorder recorder;
    private final CheckCounters counters;

    ResultsListener(ResultRecorder recorder, CheckCounters counters) {
        this.recorder = recorder;
        this.counters = counters;
    }

    @SqsListener(value = "${health-monitor.worker.results-queue-url}", factory = RecorderConfiguration.FACTORY, id = ID)
    void receive(String body) {
        List<CheckResultMessage> results;
        try {
            results = codec.readAll(body);
        } catch (UnreadableCheckResultException e) {
            // Left for a newer recorder during a rolling upgrade, then for the DLQ, as an unreadable check is.
            counters.recordUnreadable();
            log.warn("[RECORDER] unreadable message left for the DLQ: {}", e.getMessage());
            throw e;
        }
        Timer.Sample received = counters.received(results.size());
        CheckResultMessage first = results.getFirst();
        try (var monitor = MDC.putCloseable("monitor_id", Long.toString(first.monitorId()));
                var slot = MDC.putCloseable("slot", first.slot().toString())) {
            List<Checked> checked = results.stream().map(ProbeResults::checked).toList();
            List<Applied> outcomes = recorder.applyAll(checked);
            for (int i = 0; i < outcomes.size(); i++) {
                counters.record(outcomes.get(i));
                log.debug(
                        "[RECORDER] monitor={} slot={} location={} success={} -> {}",
                        results.get(i).monitorId(),
                        results.get(i).slot(),
                        results.get(i).location(),
                        results.get(i).success(),
                        outcomes.get(i));
            }
            counters.committed(received, results.size());
        } catch (RuntimeException e) {
            counters.abandoned(results.size());
            log.warn(
                    "[RECORDER] monitor={} slot={}{} not recorded, message will be retried: {}",
                    first.monitorId(),
                    first.slot(),
                    results.size() == 1 ? "" : " and " + (results.size() - 1) + " more results",
                    e.toString());
            throw e;
        }
    }
}
