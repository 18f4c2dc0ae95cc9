package com.healthmonitor.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V5 carries the alerts the status_changes outbox still had into deliveries, so none is lost or sent twice. */
class ChannelsMigrationTest {

    @Test
    void carriesPendingAndFinishedAlertsIntoDeliveriesAndLeavesNoneAlone() {
        DatabaseInUse database = DatabaseInUse.at("2");
        JdbcClient jdbc = database.jdbc;
        long pending = change(jdbc, "PENDING", "https://hooks.slack.com/services/T/B/pending");
        long sent = change(jdbc, "SENT", "https://hooks.slack.com/services/T/B/sent");
        change(jdbc, "NONE", null);

        database.migrateToLatest();

        List<Map<String, Object>> deliveries = jdbc.sql("""
                        SELECT status_change_id, status, stream, channel_type, target_url, payload::text AS payload,
                               next_attempt_at IS NOT NULL AS due, attempts, channel_id
                        FROM deliveries ORDER BY id""").query().listOfRows();
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(0))
                .containsEntry("status_change_id", pending)
                .containsEntry("status", "PENDING")
                .containsEntry("stream", "monitor-webhook")
                .containsEntry("channel_type", "slack")
                .containsEntry("target_url", "https://hooks.slack.com/services/T/B/pending")
                .containsEntry("payload", "{\"text\": \"PENDING\"}")
                .containsEntry("due", true)
                .containsEntry("attempts", 2)
                .containsEntry("channel_id", null);
        assertThat(deliveries.get(1))
                .containsEntry("status_change_id", sent)
                .containsEntry("status", "SENT")
                .containsEntry("due", false);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM status_changes WHERE locked_by IS NOT NULL OR next_attempt_at IS NOT NULL")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static long change(JdbcClient jdbc, String delivery, String webhook) {
        return jdbc.sql("""
                        INSERT INTO status_changes (monitor_id, old_status, new_status, changed_at, slot, webhook_url,
                                                    payload, delivery, attempts, next_attempt_at, locked_by,
                                                    locked_until, sent_at)
                        VALUES (1, 'UP', 'DOWN', now(), now(), CAST(:webhook AS text),
                                CASE WHEN CAST(:webhook AS text) IS NULL THEN NULL
                                     ELSE jsonb_build_object('text', CAST(:delivery AS text)) END,
                                CAST(:delivery AS text), CASE WHEN :delivery = 'PENDING' THEN 2 ELSE 1 END,
                                CASE WHEN :delivery = 'PENDING' THEN now() END,
                                CASE WHEN :delivery = 'PENDING' THEN 'crashed-worker' END,
                                CASE WHEN :delivery = 'PENDING' THEN now() + interval '1 minute' END,
                                CASE WHEN :delivery = 'SENT' THEN now() END)
                        RETURNING id""")
                .param("webhook", webhook)
                .param("delivery", delivery)
                .query(Long.class)
                .single();
    }
}
