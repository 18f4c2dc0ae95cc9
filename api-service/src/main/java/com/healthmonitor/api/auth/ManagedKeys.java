package com.healthmonitor.api.auth;

import static com.healthmonitor.common.database.Timestamps.instant;
import static com.healthmonitor.common.database.Timestamps.utc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds a managed key by its hash, on every request: nothing is cached, so a key deleted on one API instance is
 * refused by all of them at once. One index probe; {@code last_used_at} is written at most once a minute per key.
 */
@Component
class ManagedKeys {

    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    ManagedKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Row(long id, String name, String scope, Instant lastUsedAt) {}

    Optional<Caller> find(String presented) {
        Optional<Row> found = jdbc.sql("""
                        SELECT id, name, scope, last_used_at FROM api_keys WHERE key_hash = :hash""")
                .param("hash", ApiKeySecrets.sha256(presented))
                .query((rs, n) -> new Row(
                        rs.getLong("id"), rs.getString("name"), rs.getString("scope"), instant(rs, "last_used_at")))
                .optional();
        found.ifPresent(this::noteUse);
        return found.map(
                row -> new Caller(row.id(), row.name(), Scope.parse(row.scope()).orElseThrow(), false));
    }

    private void noteUse(Row row) {
        Instant now = clock.instant();
        Instant due = now.minus(LAST_USED_PRECISION);
        if (row.lastUsedAt() != null && row.lastUsedAt().isAfter(due)) {
            return;
        }
        // The condition again in SQL: of the instances that saw the key at the same moment, one writes.
        jdbc.sql("""
                        UPDATE api_keys SET last_used_at = :now
                        WHERE id = :id AND (last_used_at IS NULL OR last_used_at <= :due)""")
                .param("now", utc(now))
                .param("due", utc(due))
                .param("id", row.id())
                .update();
    }
}
