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
 * Receives check requests from SQS. The container deletes a message only when this method returns, i.e. after the
 * result's transaction committed; an exception leaves it on the queue to come back after the visibility timeout.
 */
@Component
class CheckListener {

    private static final Logger log = LoggerFactory.getLogger(CheckListener.class);

    private final CheckRequestCodec codec = new CheckRequestCodec();
    private final CheckService service;
    private final CheckCounters counters;

    CheckListener(CheckService service, CheckCounters counters) {
        this.service = service;
        this.counters = counters;
    }

    @SqsListener(value = "${health-monitor.sqs.queue-url}", factory = CheckListenerConfiguration.FACTORY)
    void receive(String body) {
        List<CheckRequest> requests;
        try {
            requests = codec.readAll(body);
        } catch (UnreadableCheckRequestException e) {
            // Not deleted on purpose: during a rolling upgrade a newer worker may read it, and otherwise the
            // redrive policy moves it to the DLQ after maxReceiveCount, where it stays inspectable.
            counters.recordUnreadable();
            log.warn("[CHECK] unreadable message left for the DLQ: {}", e.getMessage());
            throw e;
        }
        // One after the other for now: a redelivered batch repeats only the checks not yet recorded (duplicates
        // are recognised by monitor and slot).
        for (CheckRequest request : requests) {
            process(request);
        }
    }

    private void process(CheckRequest request) {
        Timer.Sample received = counters.received();
        // Fields of every line logged while this check is processed, in structured (JSON) logs.
        try (var monitor = MDC.putCloseable("monitor_id", Long.toString(request.monitorId()));
                var slot = MDC.putCloseable("slot", request.slot().toString())) {
            service.process(request);
            counters.committed(received);
        } catch (RuntimeException e) {
            counters.abandoned();
            counters.recordFailure();
            log.warn(
                    "[CHECK] monitor={} slot={} not recorded, message will be retried: {}",
                    request.monitorId(),
                    request.slot(),
                    e.toString());
            throw e;
        }
    }
}
