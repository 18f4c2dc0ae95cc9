package com.healthmonitor.worker.testing;

import com.healthmonitor.common.check.CheckSettingsJson;
import com.healthmonitor.common.check.CheckTarget;
import java.security.SecureRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Inserts monitors with plain SQL: the API that normally writes them is another service. */
public final class Monitors {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    public Monitors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String name, String url, String webhookUrl, String status, int failures, int successes) {
        return jdbc.sql("""
                        INSERT INTO monitors (name, url, check_interval, timeout, expected_status_code, webhook_url,
                                              status, consecutive_failures, consecutive_successes)
                        VALUES (:name, :url, 60, 5, 200, :webhook, :status, :failures, :successes)
                        RETURNING id""")
                .param("name", name)
                .param("url", url)
                .param("webhook", webhookUrl)
                .param("status", status)
                .param("failures", failures)
                .param("successes", successes)
                .query(Long.class)
                .single();
    }

    public long insert(String name, String url, String webhookUrl) {
        return insert(name, url, webhookUrl, "UNKNOWN", 0, 0);
    }

    /** A monitor of another type than HTTP: its target as the API stores it (a heartbeat with a token and a deadline). */
    public long insert(String name, CheckTarget target, String webhookUrl, String status, int failures) {
        boolean heartbeat = target instanceof CheckTarget.Heartbeat;
        byte[] tokenHash = new byte[32];
        RANDOM.nextBytes(tokenHash);
        return jdbc.sql("""
                        INSERT INTO monitors (name, type, target, check_interval, timeout, webhook_url, status,
                                              consecutive_failures, fail_threshold, success_threshold,
                                              ping_token_hash, ping_deadline)
                        VALUES (:name, :type, CAST(:target AS jsonb), 60, 5, :webhook, :status, :failures, 1, 1,
                                :tokenHash, CASE WHEN :heartbeat THEN now() END)
                        RETURNING id""")
                .param("name", name)
                .param("type", target.type().id())
                .param("target", CheckSettingsJson.writeTarget(target))
                .param("webhook", webhookUrl)
                .param("status", status)
                .param("failures", failures)
                .param("tokenHash", heartbeat ? tokenHash : null)
                .param("heartbeat", heartbeat)
                .query(Long.class)
                .single();
    }
}
