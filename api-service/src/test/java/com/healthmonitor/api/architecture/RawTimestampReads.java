package com.healthmonitor.api.architecture;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deliberately forbidden: the ways the services read timestamp columns around {@code Timestamps} before it was
 * the only one. {@code TimestampsRuleTest} shows the rule reporting each.
 */
class RawTimestampReads {

    private final JdbcClient jdbc;

    RawTimestampReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Instant typedGetObject() {
        return jdbc.sql("SELECT created_at FROM channels")
                .query((rs, n) ->
                        rs.getObject("created_at", OffsetDateTime.class).toInstant())
                .single();
    }

    Instant getTimestamp() {
        return jdbc.sql("SELECT created_at FROM channels")
                .query((rs, n) -> rs.getTimestamp("created_at").toInstant())
                .single();
    }

    Instant mappedRow() {
        return jdbc.sql("SELECT created_at FROM channels")
                .query(Row.class)
                .single()
                .createdAt()
                .toInstant();
    }

    Instant legacyTypedGetObject() {
        return jdbc.sql("SELECT created_at FROM channels")
                .query((rs, n) -> rs.getObject("created_at", Timestamp.class).toInstant())
                .single();
    }

    record Row(OffsetDateTime createdAt) {}
}
