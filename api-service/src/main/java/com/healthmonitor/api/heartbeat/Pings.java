package com.healthmonitor.api.heartbeat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The inbox of pings, {@code heartbeat_pings}: the API only writes what arrived and when; the worker's heartbeat job
 * applies it to the monitor (its status, deadline, history) as it applies every check result, so that the status
 * machine and alerts stay in one place.
 */
@Repository
class Pings {

    private static final Logger log = LoggerFactory.getLogger(Pings.class);

    enum Kind {
        SUCCESS,
        FAIL,
        START;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Pings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records a ping for the heartbeat whose token has this hash; false when there is none. A disabled heartbeat
     * answers as usual but records nothing: it is not watched.
     */
    boolean receive(byte[] tokenHash, Kind kind) {
        Long monitor = jdbc.sql("""
                        WITH heartbeat AS (
                            SELECT id, enabled FROM monitors WHERE ping_token_hash = :hash AND type = 'heartbeat'),
                        received AS (
                            INSERT INTO heartbeat_pings (monitor_id, kind, received_at)
                            SELECT id, :kind, :now FROM heartbeat WHERE enabled)
                        SELECT id FROM heartbeat""")
                .param("hash", tokenHash)
                .param("kind", kind.id())
                .param("now", clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .optional()
                .orElse(null);
        if (monitor != null) {
            log.debug("[PING] monitor={} {}", monitor, kind.id());
        }
        return monitor != null;
    }
}
