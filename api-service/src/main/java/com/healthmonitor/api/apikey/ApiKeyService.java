package com.healthmonitor.api.apikey;

import static com.healthmonitor.common.database.Timestamps.instant;
import static com.healthmonitor.common.database.Timestamps.utc;

import com.healthmonitor.api.apikey.ApiKeyValidator.NewApiKey;
import com.healthmonitor.api.auth.ApiKeySecrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, lists and deletes managed keys. The key itself is never stored or logged, only its SHA-256. */
@Service
@Transactional
class ApiKeyService {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiKeyService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    CreatedApiKey create(NewApiKey request) {
        ApiKeySecrets.NewKey key = ApiKeySecrets.generate();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = jdbc.sql("""
                        INSERT INTO api_keys (name, scope, prefix, key_hash, created_at)
                        VALUES (:name, :scope, :prefix, :hash, :now)
                        RETURNING id""")
                .param("name", request.name())
                .param("scope", request.scope().value())
                .param("prefix", key.prefix())
                .param("hash", key.hash())
                .param("now", utc(now))
                .query(Long.class)
                .single();
        log.info("[API-KEY] created api_key={} scope={}", id, request.scope().value());
        return new CreatedApiKey(id, request.name(), request.scope().value(), key.prefix(), now, key.secret());
    }

    @Transactional(readOnly = true)
    ApiKeyResponse get(long id) {
        return jdbc.sql("""
                        SELECT id, name, scope, prefix, created_at, last_used_at FROM api_keys WHERE id = :id""")
                .param("id", id)
                .query(ApiKeyService::response)
                .optional()
                .orElseThrow(() -> new ApiKeyNotFoundException(id));
    }

    @Transactional(readOnly = true)
    List<ApiKeyResponse> list(long afterId, int limit) {
        return jdbc.sql("""
                        SELECT id, name, scope, prefix, created_at, last_used_at FROM api_keys
                        WHERE id > :after ORDER BY id LIMIT :limit""")
                .param("after", afterId)
                .param("limit", limit)
                .query(ApiKeyService::response)
                .list();
    }

    void delete(long id) {
        int deleted =
                jdbc.sql("DELETE FROM api_keys WHERE id = :id").param("id", id).update();
        if (deleted == 0) {
            throw new ApiKeyNotFoundException(id);
        }
        log.info("[API-KEY] deleted api_key={}", id);
    }

    private static ApiKeyResponse response(ResultSet rs, int row) throws SQLException {
        return new ApiKeyResponse(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("scope"),
                rs.getString("prefix"),
                instant(rs, "created_at"),
                instant(rs, "last_used_at"));
    }
}
