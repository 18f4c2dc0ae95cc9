package com.healthmonitor.worker.alert;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.alert.AlertOutbox;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the worker's alerts into the outbox, one delivery per destination, inside the caller's transaction: the alert
 * exists exactly when the state change that caused it committed. The dispatcher wakes after the commit.
 */
@Component
public class Alerts {

    private final AlertOutbox outbox;
    private final ApplicationEventPublisher events;

    Alerts(AlertOutbox outbox, ApplicationEventPublisher events) {
        this.outbox = outbox;
        this.events = events;
    }

    /**
     * Queues {@code message} to each of the monitor's channels and to its own {@code webhook_url}, and returns how
     * many deliveries were queued.
     *
     * @param statusChangeId the transition reported, or null
     * @param webhookUrl the monitor's webhook_url as locked in this transaction, or null
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int queueForMonitor(long monitorId, Long statusChangeId, String webhookUrl, AlertMessage message) {
        return queued(monitorId, outbox.queueForMonitor(monitorId, statusChangeId, webhookUrl, message));
    }

    /** Queues {@code message} to the given channels (those that still exist); returns how many were queued. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int queueForChannels(List<Long> channelIds, AlertMessage message) {
        return queued(null, outbox.queueForChannels(channelIds, message).size());
    }

    private int queued(Long monitorId, int deliveries) {
        if (deliveries > 0) {
            events.publishEvent(new AlertsQueued(monitorId, deliveries));
        }
        return deliveries;
    }
}
