package com.healthmonitor.worker.heartbeat;

import com.healthmonitor.common.check.CheckSettingsJson;
import com.healthmonitor.common.check.CheckTarget;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Heartbeat monitors and their pings as the API writes them, with plain SQL. */
final class Heartbeats {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    Heartbeats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A heartbeat created at {@code createdAt}: its first ping is due a period and its grace later. */
    long create(String name, int period, int grace, String webhookUrl, Instant createdAt) {
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        return jdbc.sql("""
                        INSERT INTO monitors (name, type, target, webhook_url, fail_threshold, success_threshold,
                                              ping_token_hash, ping_deadline, created_at, updated_at)
                        VALUES (:name, 'heartbeat', CAST(:target AS jsonb), :webhook, 1, 1, :hash, :deadline,
                                :created, :created)
                        RETURNING id""")
                .param("name", name)
                .param("target", CheckSettingsJson.writeTarget(new CheckTarget.Heartbeat(period, grace)))
                .param("webhook", webhookUrl)
                .param("hash", hash)
                .param("deadline", createdAt.plusSeconds((long) period + grace).atOffset(ZoneOffset.UTC))
                .param("created", createdAt.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }

    /** What {@code /ping/{token}} (kind success), {@code /fail} or {@code /start} writes. */
    void ping(long monitor, String kind, Instant at) {
        jdbc.sql("INSERT INTO heartbeat_pings (monitor_id, kind, received_at) VALUES (:id, :kind, :at)")
                .param("id", monitor)
                .param("kind", kind)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    String status(long monitor) {
        return jdbc.sql("SELECT status FROM monitors WHERE id = :id")
                .param("id", monitor)
                .query(String.class)
                .single();
    }

    /** The monitor's results, oldest first, as {@code true} or its error. */
    List<String> results(long monitor) {
        return jdbc.sql("""
                        SELECT CASE WHEN success THEN 'ok' ELSE error END FROM check_results
                        WHERE monitor_id = :id ORDER BY slot""").param("id", monitor).query(String.class).list();
    }

    /** Its status changes, oldest first, as {@code UNKNOWN->DOWN}. */
    List<String> transitions(long monitor) {
        return jdbc.sql("""
                        SELECT old_status || '->' || new_status FROM status_changes
                        WHERE monitor_id = :id ORDER BY changed_at, id""").param("id", monitor).query(String.class).list();
    }

    long inbox(long monitor) {
        return jdbc.sql("SELECT count(*) FROM heartbeat_pings WHERE monitor_id = :id")
                .param("id", monitor)
                .query(Long.class)
                .single();
    }
}
