package com.healthmonitor.api.architecture;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deliberately forbidden: an api class that queues an alert with its own SQL and hand-built JSON, as the api once did.
 * {@code ArchitectureTest} shows the outbox rule reporting it.
 */
class RawOutboxInsert {

    private final JdbcClient jdbc;

    RawOutboxInsert(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long queueTest(long channelId) {
        return jdbc.sql("""
                        INSERT INTO deliveries (kind, channel_id, channel_type, channel_name, stream, message, status,
                                                next_attempt_at)
                        SELECT 'TEST', c.id, c.type, c.name, 'channel:' || c.id,
                               jsonb_build_object('kind', 'TEST', 'name', c.name), 'PENDING', now()
                        FROM channels c WHERE c.id = :id
                        RETURNING id""").param("id", channelId).query(Long.class).single();
    }
}
