package com.healthmonitor.worker.alert;

import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes alerts into the outbox, one delivery per destination, inside the caller's transaction: the alert exists
 * exactly when the state change that caused it committed. The dispatcher wakes after the commit.
 */
@Component
public class Alerts {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MONITOR_WEBHOOK = "monitor-webhook";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    Alerts(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Queues {@code message} to each of the monitor's channels and to its own {@code webhook_url} (a Slack
     * delivery, as the seed defines it), and returns how many deliveries were queued.
     *
     * @param statusChangeId the transition reported, or null
     * @param webhookUrl the monitor's webhook_url as locked in this transaction, or null
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int queueForMonitor(long monitorId, Long statusChangeId, String webhookUrl, AlertMessage message) {
        String json = JSON.writeValueAsString(message);
        int queued = jdbc.sql("""
                        INSERT INTO deliveries (kind, status_change_id, monitor_id, channel_id, channel_type,
                                                channel_name, stream, message, status, next_attempt_at)
                        SELECT :kind, :change, :monitor, c.id, c.type, c.name, 'channel:' || c.id,
                               CAST(:message AS jsonb), 'PENDING', now()
                        FROM monitor_channels mc JOIN channels c ON c.id = mc.channel_id
                        WHERE mc.monitor_id = :monitor
                        ORDER BY c.id""")
                .param("kind", message.kind().name())
                .param("change", statusChangeId)
                .param("monitor", monitorId)
                .param("message", json)
                .update();
        if (webhookUrl != null) {
            queued += jdbc.sql("""
                            INSERT INTO deliveries (kind, status_change_id, monitor_id, channel_type, channel_name,
                                                    stream, target_url, message, status, next_attempt_at)
                            VALUES (:kind, :change, :monitor, 'slack', 'webhook_url', :stream, :url,
                                    CAST(:message AS jsonb), 'PENDING', now())""")
                    .param("kind", message.kind().name())
                    .param("change", statusChangeId)
                    .param("monitor", monitorId)
                    .param("stream", MONITOR_WEBHOOK)
                    .param("url", webhookUrl)
                    .param("message", json)
                    .update();
        }
        if (queued > 0) {
            events.publishEvent(new StatusChangeRecorded(monitorId, true));
        }
        return queued;
    }

    /** Queues {@code message} to the given channels (those that still exist); returns how many were queued. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int queueForChannels(List<Long> channelIds, AlertMessage message) {
        if (channelIds.isEmpty()) {
            return 0;
        }
        int queued = jdbc.sql("""
                        INSERT INTO deliveries (kind, channel_id, channel_type, channel_name, stream, message, status,
                                                next_attempt_at)
                        SELECT :kind, c.id, c.type, c.name, 'channel:' || c.id, CAST(:message AS jsonb),
                               'PENDING', now()
                        FROM channels c WHERE c.id = ANY (:ids)
                        ORDER BY c.id""")
                .param("kind", message.kind().name())
                .param("ids", channelIds.toArray(Long[]::new))
                .param("message", JSON.writeValueAsString(message))
                .update();
        if (queued > 0) {
            events.publishEvent(new StatusChangeRecorded(0, true));
        }
        return queued;
    }
}
