package com.healthmonitor.api.monitor;

import static com.healthmonitor.common.database.Timestamps.utc;

import com.healthmonitor.common.check.CheckSettingsJson;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code monitors} rows as the API reads and writes them. The API writes only the configuration; the operational
 * state belongs to the worker and the scheduling to the scheduler, so no statement here writes those columns, and
 * {@code next_check_at} and {@code ping_deadline} only when the API starts the wait again.
 */
@Repository
class MonitorRepository {

    // Each monitor with its channels and dependencies as arrays: a page is one query, not one per monitor.
    private static final String SELECT = """
            SELECT m.*,
                ARRAY(SELECT channel_id FROM monitor_channels c WHERE c.monitor_id = m.id ORDER BY channel_id)
                    AS channel_ids,
                ARRAY(SELECT depends_on_id FROM monitor_dependencies d WHERE d.monitor_id = m.id
                      ORDER BY depends_on_id) AS depends_on
            FROM monitors m
            """;

    private static final int EXPORT_FETCH_SIZE = 500;

    private final JdbcClient jdbc;

    MonitorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Monitor> find(long id) {
        return jdbc.sql(SELECT + "WHERE m.id = :id")
                .param("id", id)
                .query((rs, row) -> Monitor.read(rs))
                .optional();
    }

    /**
     * Up to {@code limit} monitors with ids after {@code afterId} that pass {@code filter}, in id order. Only the
     * filters given are in the statement, so that each plan can use its index (V13's GIN indexes for tags and search).
     */
    List<Monitor> after(MonitorFilter filter, long afterId, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append("WHERE m.id > :afterId\n");
        Map<String, Object> params = new HashMap<>();
        params.put("afterId", afterId);
        params.put("limit", limit);
        if (filter.status() != null) {
            sql.append("AND m.status = :status\n");
            params.put("status", filter.status().name());
        }
        if (!filter.tags().isEmpty()) {
            sql.append("AND monitor_tag_terms(m.tags) @> CAST(:tags AS text[])\n");
            params.put("tags", filter.tags().toArray(String[]::new));
        }
        if (filter.search() != null) {
            sql.append("AND monitor_search_text(m.name, m.url, m.target) ILIKE :pattern\n");
            params.put("pattern", "%" + likeEscaped(filter.search()) + "%");
        }
        return jdbc.sql(sql.append("ORDER BY m.id LIMIT :limit").toString())
                .params(params)
                .query((rs, row) -> Monitor.read(rs))
                .list();
    }

    /** The monitors with these ids, in no particular order (a bulk creation's, read back in one query). */
    List<Monitor> findAll(List<Long> ids) {
        return jdbc.sql(SELECT + "WHERE m.id = ANY (CAST(:ids AS bigint[]))")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, row) -> Monitor.read(rs))
                .list();
    }

    /**
     * Hands every monitor to {@code each}, in id order, fetched from a cursor a few hundred rows at a time so that
     * an export of the whole fleet never holds it in memory. Must run in a transaction (the driver's cursors need
     * one).
     */
    void forEach(Consumer<Monitor> each) {
        jdbc.sql(SELECT + "ORDER BY m.id")
                .withFetchSize(EXPORT_FETCH_SIZE)
                .query((ResultSet rs) -> each.accept(Monitor.read(rs)));
    }

    /** {@code text} matched literally by LIKE: its wildcards and the escape character escaped. */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Inserts a new monitor with its channels; returns its id. */
    long insert(Monitor monitor) {
        long id = jdbc.sql("""
                        INSERT INTO monitors (name, url, check_interval, timeout, expected_status_code, webhook_url,
                            enabled, method, request_headers, request_body, request_content_type,
                            expected_status_codes, assertions, follow_redirects, tls_expiry_days, fail_threshold,
                            success_threshold, type, target, config_version, next_check_at, ping_token_hash,
                            ping_deadline, remind_every, tags, locations, min_failing_locations, created_at,
                            updated_at)
                        VALUES (:name, :url, :checkInterval, :timeout, :expectedStatusCode, :webhookUrl,
                            :enabled, :method, CAST(:requestHeaders AS jsonb), :requestBody, :requestContentType,
                            :expectedStatusCodes, CAST(:assertions AS jsonb), :followRedirects, :tlsExpiryDays,
                            :failThreshold, :successThreshold, :type, CAST(:target AS jsonb), 1, :nextCheckAt,
                            :pingTokenHash, :pingDeadline, :remindEvery, :tags, :locations, :minFailingLocations,
                            :createdAt, :updatedAt)
                        RETURNING id""")
                .params(configuration(monitor))
                .param("nextCheckAt", utc(monitor.nextCheckAt()))
                .param("pingTokenHash", monitor.pingTokenHash())
                .param("pingDeadline", utc(monitor.pingDeadline()))
                .param("remindEvery", monitor.alerting().remindEvery())
                .param("createdAt", utc(monitor.createdAt()))
                .query(Long.class)
                .single();
        channels(id, monitor.alerting().channelIds());
        if (!monitor.alerting().dependsOn().isEmpty()) {
            dependencies(id, monitor.alerting().dependsOn());
        }
        return id;
    }

    /**
     * Writes a changed configuration and bumps {@code config_version}, provided nobody changed the monitor since it
     * was read (a concurrent change fails instead of merging).
     *
     * @param restarted whether the change starts the wait again: due now, a heartbeat's deadline anew
     */
    void update(Monitor monitor, boolean restarted) {
        int updated = jdbc.sql("""
                        UPDATE monitors SET name = :name, url = :url, check_interval = :checkInterval,
                            timeout = :timeout, expected_status_code = :expectedStatusCode, webhook_url = :webhookUrl,
                            enabled = :enabled, method = :method, request_headers = CAST(:requestHeaders AS jsonb),
                            request_body = :requestBody, request_content_type = :requestContentType,
                            expected_status_codes = :expectedStatusCodes, assertions = CAST(:assertions AS jsonb),
                            follow_redirects = :followRedirects, tls_expiry_days = :tlsExpiryDays,
                            fail_threshold = :failThreshold, success_threshold = :successThreshold, type = :type,
                            target = CAST(:target AS jsonb), tags = :tags, locations = :locations,
                            min_failing_locations = :minFailingLocations, ping_token_hash = :pingTokenHash,
                            remind_every = :remindEvery, updated_at = :updatedAt,
                            config_version = config_version + 1,
                            next_check_at = CASE WHEN :restarted THEN :nextCheckAt ELSE next_check_at END,
                            ping_deadline = CASE WHEN :restarted THEN :pingDeadline ELSE ping_deadline END
                        WHERE id = :id AND config_version = :configVersion""")
                .params(configuration(monitor))
                .param("pingTokenHash", monitor.pingTokenHash())
                .param("remindEvery", monitor.alerting().remindEvery())
                .param("restarted", restarted)
                .param("nextCheckAt", utc(monitor.nextCheckAt()))
                .param("pingDeadline", utc(monitor.pingDeadline()))
                .param("id", monitor.id())
                .param("configVersion", monitor.configVersion())
                .update();
        if (updated == 0) {
            throw new OptimisticLockingFailureException("monitor " + monitor.id() + " was changed concurrently");
        }
        channels(monitor.id(), monitor.alerting().channelIds());
        dependencies(monitor.id(), monitor.alerting().dependsOn());
    }

    /** A new ping token's hash (or none): not configuration, so no version is bumped. */
    void pingToken(long id, byte[] hash) {
        jdbc.sql("UPDATE monitors SET ping_token_hash = :hash WHERE id = :id")
                .param("hash", hash)
                .param("id", id)
                .update();
    }

    /** Deletes a monitor and, through the schema's cascades, its channels and history; false when there is none. */
    boolean delete(long id) {
        return jdbc.sql("DELETE FROM monitors WHERE id = :id").param("id", id).update() > 0;
    }

    private void channels(long id, List<Long> channelIds) {
        jdbc.sql("""
                        DELETE FROM monitor_channels
                        WHERE monitor_id = :id AND channel_id <> ALL (CAST(:channels AS bigint[]))""")
                .param("id", id)
                .param("channels", channelIds.toArray(Long[]::new))
                .update();
        jdbc.sql("""
                        INSERT INTO monitor_channels (monitor_id, channel_id)
                        SELECT :id, unnest(CAST(:channels AS bigint[]))
                        ON CONFLICT DO NOTHING""")
                .param("id", id)
                .param("channels", channelIds.toArray(Long[]::new))
                .update();
    }

    /** Replaces the monitor's dependencies (the API checked them for cycles under its graph lock). */
    private void dependencies(long id, List<Long> dependsOn) {
        jdbc.sql("""
                        DELETE FROM monitor_dependencies
                        WHERE monitor_id = :id AND depends_on_id <> ALL (CAST(:dependsOn AS bigint[]))""")
                .param("id", id)
                .param("dependsOn", dependsOn.toArray(Long[]::new))
                .update();
        jdbc.sql("""
                        INSERT INTO monitor_dependencies (monitor_id, depends_on_id)
                        SELECT :id, unnest(CAST(:dependsOn AS bigint[]))
                        ON CONFLICT DO NOTHING""")
                .param("id", id)
                .param("dependsOn", dependsOn.toArray(Long[]::new))
                .update();
    }

    /** The configuration columns, the API's own, as named parameters. */
    private static Map<String, Object> configuration(Monitor monitor) {
        MonitorSettings settings = monitor.settings();
        Map<String, Object> params = new HashMap<>();
        params.put("name", settings.name());
        params.put("url", settings.url());
        params.put("checkInterval", settings.checkInterval());
        params.put("timeout", settings.timeout());
        params.put("expectedStatusCode", settings.expectedStatusCode());
        params.put("webhookUrl", settings.webhookUrl());
        params.put("enabled", settings.enabled());
        params.put("method", settings.method());
        params.put("requestHeaders", CheckSettingsJson.writeHeaders(settings.headers()));
        params.put("requestBody", settings.body());
        params.put("requestContentType", settings.contentType());
        params.put(
                "expectedStatusCodes",
                settings.expectedStatusCodes() == null
                        ? null
                        : settings.expectedStatusCodes().toArray(String[]::new));
        params.put("assertions", CheckSettingsJson.writeAssertions(settings.assertions()));
        params.put("followRedirects", settings.followRedirects());
        params.put("tlsExpiryDays", settings.tlsExpiryDays());
        params.put("failThreshold", settings.failThreshold());
        params.put("successThreshold", settings.successThreshold());
        params.put("type", settings.type().id());
        params.put("target", settings.target() == null ? null : CheckSettingsJson.writeTarget(settings.target()));
        params.put("tags", settings.tags().toArray(String[]::new));
        params.put("locations", settings.locations().toArray(String[]::new));
        params.put("minFailingLocations", settings.minFailingLocations());
        params.put("updatedAt", utc(monitor.updatedAt()));
        return params;
    }
}
