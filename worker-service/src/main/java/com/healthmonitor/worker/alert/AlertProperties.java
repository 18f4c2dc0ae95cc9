package com.healthmonitor.worker.alert;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox dispatcher delivers Slack alerts.
 *
 * @param pollInterval how often pending alerts are looked for when nothing wakes the dispatcher
 * @param batchSize alerts claimed per round
 * @param lease how long a claimed alert stays reserved for this worker unless renewed; it is renewed every third of
 *     it while the alert is being sent, so a worker that dies gives its alerts back within about this long
 * @param requestTimeout bound on one webhook POST
 * @param maxAttempts POSTs per delivery round (in-process retry)
 * @param initialBackoff wait before the second POST of a round; doubles per attempt
 * @param maxInProcessWait longest wait (incl. a 429 Retry-After) spent inside a round; longer waits reschedule
 * @param rescheduleBackoff wait before the next round after a failed one; doubles per round
 * @param maxRescheduleBackoff cap of that wait
 * @param giveUpAfter age of an alert after which a failed round marks it FAILED (ALERT_GIVE_UP_AFTER)
 */
@ConfigurationProperties("health-monitor.alert")
public record AlertProperties(
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("15s") Duration lease,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("15s") Duration maxInProcessWait,
        @DefaultValue("30s") Duration rescheduleBackoff,
        @DefaultValue("10m") Duration maxRescheduleBackoff,
        Duration giveUpAfter) {

    public AlertProperties {
        requirePositive(pollInterval, "poll interval");
        requirePositive(lease, "lease");
        requirePositive(requestTimeout, "request timeout");
        requirePositive(initialBackoff, "initial backoff");
        requirePositive(rescheduleBackoff, "reschedule backoff");
        requirePositive(maxRescheduleBackoff, "max reschedule backoff");
        requirePositive(giveUpAfter, "give-up-after");
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("alert batch size and max attempts must be at least 1");
        }
        if (maxInProcessWait.isNegative()) {
            throw new IllegalArgumentException("max in-process wait cannot be negative");
        }
        // Renewed every third of the lease: shorter ones would turn into a stream of renewals.
        if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("alert lease " + lease + " must be at least 3s");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("alert " + name + " must be positive");
        }
    }
}
