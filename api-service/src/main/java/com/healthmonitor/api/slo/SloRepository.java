package com.healthmonitor.api.slo;

import static com.healthmonitor.common.database.Timestamps.instant;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The monitor_slos and tag_slos tables, and the monitor facts the SLO reports need. */
@Repository
class SloRepository {

    /** How often a monitor is checked, as a column of {@code monitors m}: a heartbeat's period, else its interval. */
    private static final String INTERVAL_SECONDS = """
            CASE WHEN m.type = 'heartbeat' THEN coalesce(CAST(m.target ->> 'period' AS bigint), m.check_interval)
                 ELSE m.check_interval END""";

    /** The monitor's creation and how often it is checked (a heartbeat: its period). */
    record MonitorFacts(Instant createdAt, long intervalSeconds) {}

    /** A monitor as a report lists it, with its own objective if it has one (else null). */
    record ReportedMonitor(long id, String name, MonitorFacts facts, BigDecimal objective) {}

    private final JdbcClient jdbc;

    SloRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<MonitorFacts> monitor(long id) {
        return jdbc.sql("SELECT m.created_at, " + INTERVAL_SECONDS
                        + " AS interval_seconds FROM monitors m WHERE m.id = :id")
                .param("id", id)
                .query((rs, n) -> new MonitorFacts(instant(rs, "created_at"), rs.getLong("interval_seconds")))
                .optional();
    }

    Optional<Slo> find(long monitorId) {
        return jdbc.sql("SELECT objective, period FROM monitor_slos WHERE monitor_id = :id")
                .param("id", monitorId)
                .query((rs, n) -> slo(rs))
                .optional();
    }

    void upsert(long monitorId, Slo slo) {
        jdbc.sql("""
                        INSERT INTO monitor_slos (monitor_id, objective, period)
                        VALUES (:id, :objective, :period)
                        ON CONFLICT (monitor_id) DO UPDATE
                            SET objective = excluded.objective, period = excluded.period, updated_at = now()""")
                .param("id", monitorId)
                .param("objective", slo.objective())
                .param("period", slo.period().value())
                .update();
    }

    boolean delete(long monitorId) {
        return jdbc.sql("DELETE FROM monitor_slos WHERE monitor_id = :id")
                        .param("id", monitorId)
                        .update()
                > 0;
    }

    /** The monitors with an objective of their own, with all of {@code tags} (none: every one), in id order. */
    List<ReportedMonitor> withObjectives(List<String> tags) {
        return monitors("JOIN monitor_slos s ON s.monitor_id = m.id", tags);
    }

    /** The monitors with all of {@code tags}, objective or not, in id order. */
    List<ReportedMonitor> tagged(List<String> tags) {
        return monitors("LEFT JOIN monitor_slos s ON s.monitor_id = m.id", tags);
    }

    private List<ReportedMonitor> monitors(String join, List<String> tags) {
        return jdbc.sql("SELECT m.id, m.name, m.created_at, " + INTERVAL_SECONDS + " AS interval_seconds, s.objective"
                        + " FROM monitors m " + join
                        + " WHERE cardinality(CAST(:tags AS text[])) = 0"
                        + " OR monitor_tag_terms(m.tags) @> CAST(:tags AS text[]) ORDER BY m.id")
                .param("tags", tags.toArray(String[]::new))
                .query((rs, n) -> new ReportedMonitor(
                        rs.getLong("id"),
                        rs.getString("name"),
                        new MonitorFacts(instant(rs, "created_at"), rs.getLong("interval_seconds")),
                        rs.getBigDecimal("objective")))
                .list();
    }

    Optional<Slo> findForTag(String tag) {
        return jdbc.sql("SELECT objective, period FROM tag_slos WHERE tag = :tag")
                .param("tag", tag)
                .query((rs, n) -> slo(rs))
                .optional();
    }

    /** Every monitor's own objective, by monitor id. */
    Map<Long, Slo> monitorObjectives() {
        Map<Long, Slo> objectives = new HashMap<>();
        jdbc.sql("SELECT monitor_id, objective, period FROM monitor_slos").query(rs -> {
            objectives.put(rs.getLong("monitor_id"), slo(rs));
        });
        return objectives;
    }

    /** Every tag's objective, by tag. */
    Map<String, Slo> tagObjectives() {
        Map<String, Slo> objectives = new TreeMap<>();
        jdbc.sql("SELECT tag, objective, period FROM tag_slos").query(rs -> {
            objectives.put(rs.getString("tag"), slo(rs));
        });
        return objectives;
    }

    void upsertForTag(String tag, Slo slo) {
        jdbc.sql("""
                        INSERT INTO tag_slos (tag, objective, period)
                        VALUES (:tag, :objective, :period)
                        ON CONFLICT (tag) DO UPDATE
                            SET objective = excluded.objective, period = excluded.period, updated_at = now()""")
                .param("tag", tag)
                .param("objective", slo.objective())
                .param("period", slo.period().value())
                .update();
    }

    /** A tag's objective as the configuration document holds it. */
    record TagObjective(long id, String tag, Slo slo, Instant updatedAt) {}

    List<TagObjective> tagObjectivesWithIds() {
        return jdbc.sql("SELECT id, tag, objective, period, updated_at FROM tag_slos ORDER BY id")
                .query((rs, n) ->
                        new TagObjective(rs.getLong("id"), rs.getString("tag"), slo(rs), instant(rs, "updated_at")))
                .list();
    }

    Optional<TagObjective> tagObjective(long id) {
        return jdbc.sql("SELECT id, tag, objective, period, updated_at FROM tag_slos WHERE id = :id")
                .param("id", id)
                .query((rs, n) ->
                        new TagObjective(rs.getLong("id"), rs.getString("tag"), slo(rs), instant(rs, "updated_at")))
                .optional();
    }

    /** The id of the tag's objective, if it has one. */
    Optional<Long> tagObjectiveId(String tag) {
        return jdbc.sql("SELECT id FROM tag_slos WHERE tag = :tag")
                .param("tag", tag)
                .query(Long.class)
                .optional();
    }

    /** Sets the objective with {@code id} to {@code tag} and {@code slo}. */
    void replaceTagObjective(long id, String tag, Slo slo) {
        jdbc.sql("""
                        UPDATE tag_slos SET tag = :tag, objective = :objective, period = :period, updated_at = now()
                        WHERE id = :id""")
                .param("id", id)
                .param("tag", tag)
                .param("objective", slo.objective())
                .param("period", slo.period().value())
                .update();
    }

    void deleteTagObjective(long id) {
        jdbc.sql("DELETE FROM tag_slos WHERE id = :id").param("id", id).update();
    }

    boolean deleteForTag(String tag) {
        return jdbc.sql("DELETE FROM tag_slos WHERE tag = :tag")
                        .param("tag", tag)
                        .update()
                > 0;
    }

    private static Slo slo(ResultSet rs) throws SQLException {
        return new Slo(
                rs.getBigDecimal("objective"),
                SloPeriod.parse(rs.getString("period")).orElseThrow());
    }
}
