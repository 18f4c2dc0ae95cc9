package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.Locations;
import com.healthmonitor.worker.state.Thresholds;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker consumes and checks. Settings with an environment variable take it and its default from
 * worker-service.yml; the others default here.
 *
 * @param failThreshold consecutive failures that mark a monitor DOWN (FAIL_THRESHOLD)
 * @param successThreshold consecutive successes that mark a monitor UP (SUCCESS_THRESHOLD)
 * @param concurrency HTTP checks in flight at once, across all messages (WORKER_CONCURRENCY)
 * @param messagesInFlight messages processed at once (WORKER_MESSAGES_IN_FLIGHT); several let batches be checked
 *     while others are written, but every check received waits for a permit of {@code concurrency} with its
 *     message's visibility timeout running, so with batches it stays small. Single-check messages of an older
 *     scheduler (during a rolling upgrade) may gain from a higher value
 * @param maxMessagesPerPoll messages fetched per ReceiveMessage call, at most 10 (an SQS limit)
 * @param pollTimeout SQS long-poll wait
 * @param maxRedirects redirects a check follows before failing
 * @param virtualThreads run each in-flight message on a virtual thread (WORKER_VIRTUAL_THREADS); false falls back
 *     to the container's platform-thread pool, sized to the messages in flight (the checks themselves always run on
 *     virtual threads)
 * @param listenerAutoStartup start consuming when the context starts; false leaves starting the SQS container to
 *     the embedding code (e.g. after other contexts are up, or a benchmark after its baseline)
 * @param location the location this worker checks from (WORKER_LOCATION): recorded with each result of a check whose
 *     message names none, and sent to HTTP targets in the {@code X-Health-Monitor-Location} header
 */
@ConfigurationProperties("health-monitor.worker")
public record WorkerProperties(
        int failThreshold,
        int successThreshold,
        int concurrency,
        int messagesInFlight,
        @DefaultValue("10") int maxMessagesPerPoll,
        @DefaultValue("20s") Duration pollTimeout,
        @DefaultValue("10") int maxRedirects,
        boolean virtualThreads,
        @DefaultValue("true") boolean listenerAutoStartup,
        String location) {

    public WorkerProperties {
        new Thresholds(failThreshold, successThreshold); // validates both thresholds
        if (concurrency < 1 || concurrency > 1000) {
            throw new IllegalArgumentException("worker concurrency must be between 1 and 1000, was " + concurrency);
        }
        if (messagesInFlight < 1 || messagesInFlight > 1000) {
            throw new IllegalArgumentException(
                    "messages in flight must be between 1 and 1000, was " + messagesInFlight);
        }
        if (maxMessagesPerPoll < 1 || maxMessagesPerPoll > 10) {
            throw new IllegalArgumentException("max messages per poll must be between 1 and 10");
        }
        if (pollTimeout.isNegative() || pollTimeout.compareTo(Duration.ofSeconds(20)) > 0) {
            throw new IllegalArgumentException("poll timeout must be between 0 and 20 s (an SQS limit)");
        }
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("max redirects must be between 0 and 20");
        }
        if (!Locations.isValid(location)) {
            throw new IllegalArgumentException(
                    "WORKER_LOCATION must be 1-32 lowercase letters, digits and hyphens, was " + location);
        }
    }

    public Thresholds thresholds() {
        return new Thresholds(failThreshold, successThreshold);
    }
}
