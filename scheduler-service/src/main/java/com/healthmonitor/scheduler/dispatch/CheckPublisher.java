package com.healthmonitor.scheduler.dispatch;

import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.sqs.QueueProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends the checks as batch messages (see {@link CheckMessages}) with {@code SendMessageBatch}, the calls in
 * parallel.
 */
@Component
@EnableConfigurationProperties(QueueProperties.class)
class CheckPublisher {

    private static final Logger log = LoggerFactory.getLogger(CheckPublisher.class);

    private final SqsAsyncClient sqs;
    private final String queueUrl;
    private final int checksPerMessage;
    private final CheckRequestCodec codec = new CheckRequestCodec();

    CheckPublisher(SqsAsyncClient sqs, QueueProperties queue, SchedulerProperties properties) {
        this.sqs = sqs;
        this.queueUrl = queue.queueUrl();
        this.checksPerMessage = properties.checksPerMessage();
    }

    /**
     * Returns the ids of the monitors whose message SQS accepted; the others, every check of a refused message,
     * must stay due.
     */
    Set<Long> publish(List<DueMonitor> monitors) {
        List<CompletableFuture<Set<Long>>> calls = new ArrayList<>();
        for (List<CheckMessages.Message> call :
                CheckMessages.calls(CheckMessages.pack(monitors, checksPerMessage, codec))) {
            calls.add(send(call));
        }
        Set<Long> sent = new HashSet<>();
        for (CompletableFuture<Set<Long>> call : calls) {
            sent.addAll(call.join());
        }
        return sent;
    }

    private CompletableFuture<Set<Long>> send(List<CheckMessages.Message> messages) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(messages.get(i).body())
                    .build());
        }
        return sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries))
                .thenApply(response -> acceptedMonitors(response, messages))
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    log.warn(
                            "[SCHEDULER] send of {} messages failed, their checks stay due: {}",
                            messages.size(),
                            cause.toString());
                    return Set.of();
                });
    }

    private static Set<Long> acceptedMonitors(SendMessageBatchResponse response, List<CheckMessages.Message> messages) {
        response.failed()
                .forEach(failed -> log.warn(
                        "[SCHEDULER] message of {} checks not accepted, they stay due: {} {}",
                        messages.get(Integer.parseInt(failed.id())).monitors().size(),
                        failed.code(),
                        failed.message()));
        Set<Long> accepted = new HashSet<>();
        response.successful().forEach(entry -> messages.get(Integer.parseInt(entry.id())).monitors().stream()
                .map(DueMonitor::id)
                .forEach(accepted::add));
        return accepted;
    }
}
