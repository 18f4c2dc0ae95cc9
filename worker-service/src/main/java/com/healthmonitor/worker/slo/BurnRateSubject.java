package com.healthmonitor.worker.slo;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.check.CheckSettingsJson;
import com.healthmonitor.worker.alert.Alerts;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whose objective {@link BurnRateJob} evaluates: a monitor's, or a tag's (the tagged monitors' results counted as one
 * service, as {@code GET /slos/tags/{tag}} counts them). The job runs one loop over both; a subject says where its
 * objective and episodes are kept, which results count, and whom its alert goes to. (The api's {@code SloSubject} is
 * the same idea for its requests.)
 */
sealed interface BurnRateSubject {

    /** The value of {@link Kind#key}: the {@code :subject} of the kind's queries. */
    Object key();

    /** Queues the alert with {@code reason}, inside the transaction that decided it. */
    void alert(JdbcClient jdbc, Alerts alerts, String reason, Instant now);

    /**
     * Where a kind of subject keeps its objectives and episodes, and which {@code check_results} are its own: SQL
     * names and conditions, constants here, never input.
     */
    enum Kind {
        MONITOR(
                "monitor_slos",
                "slo_burn_alerts",
                "monitor_id",
                """
                SELECT s.monitor_id FROM monitor_slos s JOIN monitors m ON m.id = s.monitor_id
                WHERE m.enabled ORDER BY s.monitor_id""",
                "monitor_id = :subject",
                (rs, n) -> new OfMonitor(rs.getLong(1))),
        // A tag's results: those of the monitors with the tag, matched as the API's ?tag= matches.
        TAG(
                "tag_slos",
                "tag_slo_burn_alerts",
                "tag",
                "SELECT tag FROM tag_slos ORDER BY tag",
                """
                monitor_id IN (SELECT m.id FROM monitors m
                               WHERE monitor_tag_terms(m.tags) @> ARRAY[CAST(:subject AS text)])""",
                (rs, n) -> new OfTag(rs.getString(1)));

        /** The table of objectives ({@code objective}, {@code period}), one row a subject. */
        final String objectives;

        /** The table of episodes, one row a subject and severity. */
        final String episodes;

        /** The column that names the subject in both. */
        final String key;

        /** A condition on {@code check_results} with the parameter {@code :subject}: the subject's results. */
        final String results;

        /** The subjects evaluated, {@code key} their only column, and how a row makes one. */
        private final String enabled;

        private final RowMapper<BurnRateSubject> subject;

        Kind(
                String objectives,
                String episodes,
                String key,
                String enabled,
                String results,
                RowMapper<BurnRateSubject> subject) {
            this.objectives = objectives;
            this.episodes = episodes;
            this.key = key;
            this.enabled = enabled;
            this.results = results;
            this.subject = subject;
        }

        /** The subjects of this kind to evaluate, in a stable order. */
        List<BurnRateSubject> subjects(JdbcClient jdbc) {
            return jdbc.sql(enabled).query(subject).list();
        }
    }

    record OfMonitor(long id) implements BurnRateSubject {

        @Override
        public Object key() {
            return id;
        }

        /** To the monitor's channels and its own webhook. */
        @Override
        public void alert(JdbcClient jdbc, Alerts alerts, String reason, Instant now) {
            record Monitor(String name, String url, String webhookUrl) {}
            Monitor monitor = jdbc.sql(
                            "SELECT name, url, target::text AS target, webhook_url FROM monitors WHERE id = :id")
                    .param("id", id)
                    .query((rs, n) -> new Monitor(
                            rs.getString("name"),
                            CheckSettingsJson.display(rs.getString("url"), rs.getString("target")),
                            rs.getString("webhook_url")))
                    .single();
            alerts.queueForMonitor(
                    id,
                    null,
                    monitor.webhookUrl(),
                    AlertMessage.burnRate(id, monitor.name(), monitor.url(), reason, now));
        }

        @Override
        public String toString() {
            return "monitor=" + id;
        }
    }

    record OfTag(String tag) implements BurnRateSubject {

        @Override
        public Object key() {
            return tag;
        }

        /** To every channel of the tagged monitors, each once. */
        @Override
        public void alert(JdbcClient jdbc, Alerts alerts, String reason, Instant now) {
            List<Long> channels =
                    jdbc.sql("""
                            SELECT DISTINCT mc.channel_id FROM monitor_channels mc
                            JOIN monitors m ON m.id = mc.monitor_id
                            WHERE monitor_tag_terms(m.tags) @> ARRAY[CAST(:tag AS text)]
                            ORDER BY 1""").param("tag", tag).query(Long.class).list();
            alerts.queueForChannels(channels, AlertMessage.burnRateOfTag(tag, reason, now));
        }

        @Override
        public String toString() {
            return "tag=" + tag;
        }
    }
}
