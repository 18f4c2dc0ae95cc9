package com.healthmonitor.scheduler.dispatch;

import com.healthmonitor.common.check.CheckRequestCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Sends check messages with {@code SendMessageBatch}, ten per call, the calls in parallel. */
@Component
class CheckPublisher {

    static final int MAX_BATCH = 10;
    private static final Logger log = LoggerFactory.getLogger(CheckPublisher.class);

    private final SqsAsyncClient sqs;
    private final String queueUrl;
    private final CheckRequestCodec codec = new CheckRequestCodec();

    CheckPublisher(SqsAsyncClient sqs, QueueProperties queue) {
        this.sqs = sqs;
        this.queueUrl = queue.queueUrl();
    }

    /** Returns the ids of the monitors whose message SQS accepted; the others must stay due. */
    Set<Long> publish(List<DueMonitor> monitors) {
        List<CompletableFuture<Set<Long>>> batches = new ArrayList<>();
        for (int start = 0; start < monitors.size(); start += MAX_BATCH) {
            batches.add(sendBatch(monitors.subList(start, Math.min(start + MAX_BATCH, monitors.size()))));
        }
        Set<Long> sent = new HashSet<>();
        for (CompletableFuture<Set<Long>> batch : batches) {
            sent.addAll(batch.join());
        }
        return sent;
    }

    private CompletableFuture<Set<Long>> sendBatch(List<DueMonitor> batch) {
        List<SendMessageBatchRequestEntry> entries = batch.stream()
                .map(monitor -> SendMessageBatchRequestEntry.builder()
                        .id(Long.toString(monitor.id()))
                        .messageBody(codec.write(monitor.toCheckRequest()))
                        .build())
                .toList();
        return sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries))
                .thenApply(CheckPublisher::acceptedIds)
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    log.warn("[SCHEDULER] send of {} checks failed, they stay due: {}", batch.size(), cause.toString());
                    return Set.of();
                });
    }

    private static Set<Long> acceptedIds(SendMessageBatchResponse response) {
        response.failed()
                .forEach(failed -> log.warn(
                        "[SCHEDULER] check for monitor={} not accepted, it stays due: {} {}",
                        failed.id(),
                        failed.code(),
                        failed.message()));
        Set<Long> accepted = new HashSet<>();
        response.successful().forEach(entry -> accepted.add(Long.parseLong(entry.id())));
        return accepted;
    }
}
