package com.healthmonitor.api.channel;

import com.healthmonitor.common.alert.ChannelType;
import com.healthmonitor.common.database.Timestamps;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The channels table; the outbox rows the API writes for channels go through {@code AlertOutbox}. */
@Repository
class ChannelRepository {

    private static final String COLUMNS = "id, key, name, type, url, secret, recipients, created_at, updated_at";

    private final JdbcClient jdbc;

    ChannelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(ChannelSettings settings) {
        return jdbc.sql("""
                        INSERT INTO channels (name, type, url, secret, recipients)
                        VALUES (:name, :type, :url, :secret, :recipients)
                        RETURNING id""").params(columns(settings)).query(Long.class).single();
    }

    boolean update(long id, ChannelSettings settings) {
        return jdbc.sql("""
                        UPDATE channels SET name = :name, type = :type, url = :url, secret = :secret,
                                            recipients = :recipients, updated_at = now()
                        WHERE id = :id""").params(columns(settings)).param("id", id).update() == 1;
    }

    Optional<Stored> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM channels WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> stored(rs))
                .optional();
    }

    /** Locks the row: a concurrent update or delete of the same channel waits. */
    Optional<Stored> findForUpdate(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM channels WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query((rs, n) -> stored(rs))
                .optional();
    }

    /** Up to {@code limit} channels with ids after {@code afterId}, in id order. */
    List<Stored> list(long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM channels WHERE id > :afterId ORDER BY id LIMIT :limit")
                .param("afterId", afterId)
                .param("limit", limit)
                .query((rs, n) -> stored(rs))
                .list();
    }

    /** The ids among {@code ids} that name no channel. */
    List<Long> missing(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT u.id FROM unnest(CAST(:ids AS bigint[])) AS u(id)
                        WHERE NOT EXISTS (SELECT 1 FROM channels c WHERE c.id = u.id) ORDER BY u.id""")
                .param("ids", ids.toArray(Long[]::new))
                .query(Long.class)
                .list();
    }

    /**
     * Deletes the channel and takes it out of the daily summary. Its recorded deliveries stay (the foreign key sets
     * channel_id to NULL, name and type are kept).
     */
    void delete(long id) {
        jdbc.sql("DELETE FROM channels WHERE id = :id").param("id", id).update();
        jdbc.sql("""
                        UPDATE daily_summary_settings SET channel_ids = array_remove(channel_ids, CAST(:id AS bigint))
                        WHERE :id = ANY (channel_ids)""").param("id", id).update();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        Array recipients = rs.getArray("recipients");
        return new Stored(
                rs.getLong("id"),
                rs.getString("key"),
                new ChannelSettings(
                        rs.getString("name"),
                        ChannelType.parse(rs.getString("type")).orElseThrow(),
                        rs.getString("url"),
                        rs.getString("secret"),
                        recipients == null ? null : List.of((String[]) recipients.getArray())),
                Timestamps.instant(rs, "created_at"),
                Timestamps.instant(rs, "updated_at"));
    }

    record Stored(long id, String key, ChannelSettings settings, Instant createdAt, Instant updatedAt) {}

    /** The named parameters of insert and update; a HashMap because url, secret and recipients may be null. */
    private static Map<String, Object> columns(ChannelSettings settings) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("name", settings.name());
        columns.put("type", settings.type().id());
        columns.put("url", settings.url());
        columns.put("secret", settings.secret());
        columns.put(
                "recipients",
                settings.recipients() == null ? null : settings.recipients().toArray(String[]::new));
        return columns;
    }
}
