package com.healthmonitor.common.alert;

import com.healthmonitor.common.database.Timestamps;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one way to queue an alert: writes {@code deliveries} rows (one per destination, {@code PENDING}, due now) in
 * the caller's transaction, and reads back what became of one. The worker's dispatcher claims and sends them. The api
 * (test messages, deleted channels) and the worker's jobs both write through this class, so the table's shape and the
 * message's format are known in one place.
 */
public final class AlertOutbox {

    /** The ordering stream of deliveries to a monitor's own {@code webhook_url}; a channel's is {@code channel:<id>}. */
    public static final String MONITOR_WEBHOOK_STREAM = "monitor-webhook";

    private final JdbcClient jdbc;
    private final AlertMessageCodec codec = new AlertMessageCodec();

    public AlertOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues {@code message} to each of the monitor's channels and to its own {@code webhook_url} (a Slack
     * delivery, as the seed defines it); returns how many deliveries were queued.
     *
     * @param statusChangeId the transition reported, or null
     * @param webhookUrl the monitor's webhook_url as locked in this transaction, or null
     */
    public int queueForMonitor(long monitorId, Long statusChangeId, String webhookUrl, AlertMessage message) {
        String json = codec.write(message);
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
                            VALUES (:kind, :change, :monitor, :type, 'webhook_url', :stream, :url,
                                    CAST(:message AS jsonb), 'PENDING', now())""")
                    .param("kind", message.kind().name())
                    .param("change", statusChangeId)
                    .param("monitor", monitorId)
                    .param("type", ChannelType.SLACK.id())
                    .param("stream", MONITOR_WEBHOOK_STREAM)
                    .param("url", webhookUrl)
                    .param("message", json)
                    .update();
        }
        return queued;
    }

    /** Queues {@code message} to the given channels (those that still exist); returns the deliveries' ids. */
    public List<Long> queueForChannels(Collection<Long> channelIds, AlertMessage message) {
        if (channelIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        INSERT INTO deliveries (kind, channel_id, channel_type, channel_name, stream, message, status,
                                                next_attempt_at)
                        SELECT :kind, c.id, c.type, c.name, 'channel:' || c.id, CAST(:message AS jsonb),
                               'PENDING', now()
                        FROM channels c WHERE c.id = ANY (:ids)
                        ORDER BY c.id
                        RETURNING id""")
                .param("kind", message.kind().name())
                .param("ids", channelIds.toArray(Long[]::new))
                .param("message", codec.write(message))
                .query(Long.class)
                .list();
    }

    /**
     * Cancels the channel's pending deliveries (before the channel is deleted), so that they neither wait nor block
     * anything, and keeps the delivery summary of the status changes they reported in step.
     */
    public void cancelPending(long channelId, String reason) {
        List<Long> changes = jdbc.sql("""
                        UPDATE deliveries SET status = 'CANCELLED', last_error = :reason,
                                              next_attempt_at = NULL, locked_by = NULL, locked_until = NULL
                        WHERE channel_id = :id AND status = 'PENDING'
                        RETURNING status_change_id""")
                .param("reason", reason)
                .param("id", channelId)
                .query((rs, n) -> (Long) rs.getObject("status_change_id"))
                .list();
        changes.stream().filter(Objects::nonNull).distinct().sorted().forEach(change -> jdbc.sql(
                        "SELECT refresh_status_change_delivery(:id)")
                .param("id", change)
                .query()
                .singleRow());
    }

    /** What became of one delivery so far. */
    public Optional<Outcome> outcome(long deliveryId) {
        return jdbc.sql("SELECT id, status, last_status_code, last_error, attempts FROM deliveries WHERE id = :id")
                .param("id", deliveryId)
                .query((rs, n) -> new Outcome(
                        rs.getLong("id"),
                        rs.getString("status"),
                        (Integer) rs.getObject("last_status_code"),
                        rs.getString("last_error"),
                        rs.getInt("attempts")))
                .optional();
    }

    /**
     * The newest delivery queued for each of the channels (at most a page of them), by channel id; channels without
     * one are absent. One probe of {@code deliveries_channel_latest_idx} per channel.
     */
    public Map<Long, Latest> latestByChannel(Collection<Long> channelIds) {
        if (channelIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Latest> latest = new HashMap<>();
        jdbc.sql("""
                        SELECT channel.id AS channel_id, d.kind, d.status, d.last_status_code, d.last_error,
                               d.attempts, d.created_at, d.sent_at
                        FROM unnest(CAST(:ids AS bigint[])) AS channel (id)
                        CROSS JOIN LATERAL (
                            SELECT kind, status, last_status_code, last_error, attempts, created_at, sent_at
                            FROM deliveries WHERE channel_id = channel.id
                            ORDER BY id DESC LIMIT 1) d""").param("ids", channelIds.toArray(Long[]::new)).query(rs -> {
            latest.put(
                    rs.getLong("channel_id"),
                    new Latest(
                            rs.getString("kind"),
                            rs.getString("status"),
                            (Integer) rs.getObject("last_status_code"),
                            rs.getString("last_error"),
                            rs.getInt("attempts"),
                            Timestamps.instant(rs, "created_at"),
                            Timestamps.instant(rs, "sent_at")));
        });
        return latest;
    }

    /**
     * A channel's newest delivery.
     *
     * @param kind STATUS_CHANGE, TLS_EXPIRY, REMINDER, SUMMARY, TEST or BURN_RATE
     * @param status PENDING, SENT, FAILED or CANCELLED
     */
    public record Latest(
            String kind, String status, Integer code, String error, int attempts, Instant createdAt, Instant sentAt) {}

    /**
     * A delivery's state.
     *
     * @param status PENDING, SENT, FAILED or CANCELLED
     * @param code the destination's last reply code (an HTTP status; 250 for an accepted email), null when none
     * @param error what went wrong last, null when sent
     * @param attempts how many sends were made
     */
    public record Outcome(long deliveryId, String status, Integer code, String error, int attempts) {

        public boolean pending() {
            return status.equals("PENDING");
        }
    }
}
