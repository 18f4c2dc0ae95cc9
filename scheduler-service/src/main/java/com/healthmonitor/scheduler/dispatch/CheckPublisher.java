package com.healthmonitor.scheduler.dispatch;

import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.sqs.SqsClients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends the checks as batch messages (see {@link CheckMessages}) with {@code SendMessageBatch}, the calls in
 * parallel: to each location's queue the checks of the monitors that list it, each check naming its location, through
 * the client of the queue's region (a probe region's queue is in another region than the scheduler).
 */
@Component
class CheckPublisher {

    private static final Logger log = LoggerFactory.getLogger(CheckPublisher.class);

    private final SqsClients sqs;
    private final LocationQueues queues;
    private final int checksPerMessage;
    private final CheckRequestCodec codec = new CheckRequestCodec();

    CheckPublisher(SqsClients sqs, LocationQueues queues, SchedulerProperties properties) {
        this.sqs = sqs;
        this.queues = queues;
        this.checksPerMessage = properties.checksPerMessage();
    }

    /**
     * Returns the ids of the monitors whose messages SQS accepted in every location that has a queue; the others
     * must stay due (their locations that did get the check recognise it again by monitor, slot and location). A
     * location without a queue here is skipped: it would hold the monitor's other locations back for ever.
     */
    Set<Long> publish(List<DueMonitor> monitors) {
        Map<String, List<DueMonitor>> byLocation = new LinkedHashMap<>();
        for (DueMonitor monitor : monitors) {
            for (String location : monitor.locations()) {
                byLocation.computeIfAbsent(location, name -> new ArrayList<>()).add(monitor);
            }
        }
        Map<String, List<CompletableFuture<Set<Long>>>> calls = new LinkedHashMap<>();
        byLocation.forEach((location, listing) -> {
            Optional<String> queue = queues.queueOf(location);
            if (queue.isEmpty()) {
                log.warn(
                        "[SCHEDULER] no queue for location {} (LOCATION_QUEUES): {} checks not sent there",
                        location,
                        listing.size());
                return;
            }
            for (List<CheckMessages.Message> call :
                    CheckMessages.calls(CheckMessages.pack(listing, location, checksPerMessage, codec))) {
                calls.computeIfAbsent(location, name -> new ArrayList<>()).add(send(queue.get(), call));
            }
        });
        Map<String, Set<Long>> accepted = new HashMap<>();
        calls.forEach((location, sends) -> {
            Set<Long> ids = new HashSet<>();
            sends.forEach(send -> ids.addAll(send.join()));
            accepted.put(location, ids);
        });
        Set<Long> sent = new HashSet<>();
        for (DueMonitor monitor : monitors) {
            boolean everywhere = monitor.locations().stream()
                    .filter(location -> queues.queueOf(location).isPresent())
                    .allMatch(location -> accepted.get(location).contains(monitor.id()));
            if (everywhere) {
                sent.add(monitor.id());
            }
        }
        return sent;
    }

    private CompletableFuture<Set<Long>> send(String queueUrl, List<CheckMessages.Message> messages) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(messages.get(i).body())
                    .build());
        }
        return sqs.forQueue(queueUrl)
                .sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries))
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
