package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.check.CheckRequestCodec.UnreadableCheckRequestException;
import io.awspring.cloud.sqs.annotation.SqsListener;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Receives check messages from SQS: a batch of checks (version 3) or, from an older scheduler, a single check (versions
 * 1 and 2), and hands them to the worker's {@link CheckSink} (a full worker records, a probe sends the results on). The
 * container deletes a message only when this method returns, i.e. after the sink has made all its results safe; an
 * exception leaves it on the queue to come back after the visibility timeout, and the checks already recorded are then
 * recognised and not applied twice.
 *
 * <p>Public for the probe, which imports it rather than scanning this package.
 */
@Component
public class CheckListener {

    private static final Logger log = LoggerFactory.getLogger(CheckListener.class);

    private final CheckRequestCodec codec = new CheckRequestCodec();
    private final CheckSink sink;
    private final CheckCounters counters;

    CheckListener(CheckSink sink, CheckCounters counters) {
        this.sink = sink;
        this.counters = counters;
    }

    @SqsListener(value = "${health-monitor.sqs.queue-url}", factory = CheckListenerConfiguration.FACTORY)
    void receive(String body) {
        List<CheckRequest> batch;
        try {
            batch = codec.readAll(body);
        } catch (UnreadableCheckRequestException e) {
            // Not deleted on purpose: during a rolling upgrade a newer worker may read it, and otherwise the
            // redrive policy moves it to the DLQ after maxReceiveCount, where it stays inspectable.
            counters.recordUnreadable();
            log.warn("[{}] unreadable message left for the DLQ: {}", sink.logTag(), e.getMessage());
            throw e;
        }
        Timer.Sample received = counters.received(batch.size());
        CheckRequest first = batch.getFirst();
        // Fields of every line logged while the message is processed, in structured (JSON) logs; a batch names its
        // first check, and each check's own lines name theirs.
        try (var monitor = MDC.putCloseable("monitor_id", Long.toString(first.monitorId()));
                var slot = MDC.putCloseable("slot", first.slot().toString())) {
            sink.accept(batch);
            counters.committed(received, batch.size());
        } catch (RuntimeException e) {
            counters.abandoned(batch.size());
            log.warn(
                    "[{}] monitor={} slot={}{} not {}, message will be retried: {}",
                    sink.logTag(),
                    first.monitorId(),
                    first.slot(),
                    batch.size() == 1 ? "" : " and " + (batch.size() - 1) + " more checks",
                    sink.outcome(),
                    e.toString());
            throw e;
        }
    }
}
