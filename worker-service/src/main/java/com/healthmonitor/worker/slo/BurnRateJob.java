package com.healthmonitor.worker.slo;

import com.healthmonitor.common.alert.AlertMessage;
import com.healthmonitor.common.check.CheckSettingsJson;
import com.healthmonitor.worker.alert.Alerts;
import com.healthmonitor.worker.slo.BurnRateRule.Counts;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Burn-rate alerts on SLOs ({@link BurnRateRule}): every interval, each enabled monitor with an objective has its
 * failure ratios over the rules' windows measured from its raw results (those taken during maintenance left out, as
 * everywhere), and each rule's episode decided. An episode fires once, when the rule's condition starts to hold, through
 * the outbox to the monitor's channels and webhook; it re-arms when the long window no longer burns at the threshold,
 * so a burn that goes on does not alert again, and a later one does.
 *
 * <p>A tag's objective is evaluated alike over the results of every monitor with the tag, as one service, and alerts
 * the channels of those monitors (each channel once).
 *
 * <p>Exactly once with several workers: a monitor's or tag's episodes (slo_burn_alerts, tag_slo_burn_alerts rows) are
 * locked with SKIP LOCKED for the transaction that measures, decides and queues, so a second worker skips it or finds
 * the episode already firing.
 */
@Component
class BurnRateJob {

    private static final Logger log = LoggerFactory.getLogger(BurnRateJob.class);

    private static final String[] SEVERITIES =
            BurnRateRule.ALL.stream().map(BurnRateRule::severity).toArray(String[]::new);

    /** The results of the monitors with the tags {@code :subject} (an array), matched as the API's ?tag= matches. */
    private static final String TAGGED =
            "monitor_id IN (SELECT m.id FROM monitors m WHERE monitor_tag_terms(m.tags) @> CAST(:subject AS text[]))";

    private final JdbcClient jdbc;
    private final Alerts alerts;
    private final Clock clock;
    private final TransactionTemplate transactions;

    BurnRateJob(JdbcClient jdbc, Alerts alerts, Clock clock, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.clock = clock;
        this.transactions = transactions;
    }

    @Scheduled(
            initialDelayString = "${health-monitor.slo.check-interval:1m}",
            fixedDelayString = "${health-monitor.slo.check-interval:1m}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("[BURN] could not evaluate burn rates, will retry: {}", e.toString());
        }
    }

    /** Evaluates every SLO, the monitors' and the tags', at the clock's current time; returns how many alerts fired. */
    int run() {
        Instant now = clock.instant();
        return monitors(now) + tags(now);
    }

    private int monitors(Instant now) {
        List<Long> monitors = jdbc.sql("""
                        SELECT s.monitor_id FROM monitor_slos s JOIN monitors m ON m.id = s.monitor_id
                        WHERE m.enabled ORDER BY s.monitor_id""").query(Long.class).list();
        if (monitors.isEmpty()) {
            return 0;
        }
        jdbc.sql("""
                        INSERT INTO slo_burn_alerts (monitor_id, severity)
                        SELECT s.monitor_id, r.severity
                        FROM monitor_slos s, unnest(CAST(:severities AS text[])) AS r (severity)
                        ORDER BY 1, 2
                        ON CONFLICT DO NOTHING""").param("severities", SEVERITIES).update();
        int fired = 0;
        for (long monitor : monitors) {
            // A template, not @Transactional: scheduled() calls this on the bean itself, past any transaction proxy.
            Integer alerted = transactions.execute(tx -> evaluate(monitor, now));
            fired += alerted == null ? 0 : alerted;
        }
        return fired;
    }

    /**
     * The tags' objectives: the tagged monitors' results counted as one service's (as {@code GET /slos/tags/{tag}}
     * counts them), each alert once per episode to every channel of the tagged monitors.
     */
    private int tags(Instant now) {
        List<String> tags = jdbc.sql("SELECT tag FROM tag_slos ORDER BY tag")
                .query(String.class)
                .list();
        if (tags.isEmpty()) {
            return 0;
        }
        jdbc.sql("""
                        INSERT INTO tag_slo_burn_alerts (tag, severity)
                        SELECT s.tag, r.severity
                        FROM tag_slos s, unnest(CAST(:severities AS text[])) AS r (severity)
                        ORDER BY 1, 2
                        ON CONFLICT DO NOTHING""").param("severities", SEVERITIES).update();
        int fired = 0;
        for (String tag : tags) {
            Integer alerted = transactions.execute(tx -> evaluateTag(tag, now));
            fired += alerted == null ? 0 : alerted;
        }
        return fired;
    }

    private int evaluate(long monitorId, Instant now) {
        Map<String, Boolean> firing = episodes("""
                        SELECT severity, firing FROM slo_burn_alerts WHERE monitor_id = :subject
                        ORDER BY severity FOR UPDATE SKIP LOCKED""", monitorId);
        if (firing.size() < BurnRateRule.ALL.size()) {
            return 0; // another worker is deciding for this monitor now (or the SLO went away)
        }
        record Monitor(String name, String url, String webhookUrl, BigDecimal objective, String period) {}
        Monitor monitor = jdbc.sql("""
                        SELECT m.name, m.url, m.target::text AS target, m.webhook_url, s.objective, s.period
                        FROM monitors m JOIN monitor_slos s ON s.monitor_id = m.id WHERE m.id = :id""")
                .param("id", monitorId)
                .query((rs, n) -> new Monitor(
                        rs.getString("name"),
                        CheckSettingsJson.display(rs.getString("url"), rs.getString("target")),
                        rs.getString("webhook_url"),
                        rs.getBigDecimal("objective"),
                        rs.getString("period")))
                .single();
        return decide(
                "monitor=" + monitorId,
                firing,
                monitor.objective(),
                monitor.period(),
                window -> counts("monitor_id = :subject", monitorId, now, window),
                reason -> alerts.queueForMonitor(
                        monitorId,
                        null,
                        monitor.webhookUrl(),
                        AlertMessage.burnRate(monitorId, monitor.name(), monitor.url(), reason, now)),
                (rule, on) -> episode("slo_burn_alerts", "monitor_id", monitorId, rule, on, now));
    }

    private int evaluateTag(String tag, Instant now) {
        Map<String, Boolean> firing = episodes("""
                        SELECT severity, firing FROM tag_slo_burn_alerts WHERE tag = :subject
                        ORDER BY severity FOR UPDATE SKIP LOCKED""", tag);
        if (firing.size() < BurnRateRule.ALL.size()) {
            return 0; // another worker is deciding for this tag now (or the objective went away)
        }
        record Objective(BigDecimal objective, String period) {}
        Objective slo = jdbc.sql("SELECT objective, period FROM tag_slos WHERE tag = :tag")
                .param("tag", tag)
                .query((rs, n) -> new Objective(rs.getBigDecimal("objective"), rs.getString("period")))
                .single();
        String[] terms = {tag};
        return decide(
                "tag=" + tag,
                firing,
                slo.objective(),
                slo.period(),
                window -> counts(TAGGED, terms, now, window),
                reason -> alerts.queueForChannels(
                        jdbc.sql("""
                                        SELECT DISTINCT mc.channel_id FROM monitor_channels mc
                                        JOIN monitors m ON m.id = mc.monitor_id
                                        WHERE monitor_tag_terms(m.tags) @> CAST(:terms AS text[])
                                        ORDER BY 1""").param("terms", terms).query(Long.class).list(),
                        AlertMessage.burnRateOfTag(tag, reason, now)),
                (rule, on) -> episode("tag_slo_burn_alerts", "tag", tag, rule, on, now));
    }

    /** The episodes of one subject by severity, locked; fewer than the rules when another worker holds them. */
    private Map<String, Boolean> episodes(String sql, Object subject) {
        Map<String, Boolean> firing = new HashMap<>();
        jdbc.sql(sql).param("subject", subject).query(rs -> {
            firing.put(rs.getString("severity"), rs.getBoolean("firing"));
        });
        return firing;
    }

    /**
     * Each rule's episode of one subject decided: fires (once) when its condition starts to hold, re-arms when the
     * long window no longer burns at the threshold. Returns how many fired.
     */
    private static int decide(
            String subject,
            Map<String, Boolean> firing,
            BigDecimal objective,
            String period,
            Function<Duration, Counts> counts,
            Consumer<String> alert,
            BiConsumer<BurnRateRule, Boolean> episode) {
        int fired = 0;
        for (BurnRateRule rule : BurnRateRule.ALL) {
            Counts longCounts = counts.apply(rule.longWindow());
            Counts shortCounts = counts.apply(rule.shortWindow());
            boolean wasFiring = firing.get(rule.severity());
            if (!wasFiring && rule.burning(objective, period, longCounts, shortCounts)) {
                String reason = rule.reason(objective, period, longCounts, shortCounts);
                alert.accept(reason);
                episode.accept(rule, true);
                fired++;
                log.info("[BURN] {} {}", subject, reason);
            } else if (wasFiring && BurnRateRule.burnRate(objective, longCounts) < rule.threshold(objective, period)) {
                episode.accept(rule, false);
                log.info("[BURN] {} {} re-armed: the burn stopped", subject, rule.severity());
            }
        }
        return fired;
    }

    /**
     * Checks and failures within [now - window, now) of the results of the monitors {@code which} selects (a condition
     * on {@code check_results} with the parameter {@code :subject}), maintenance left out.
     */
    private Counts counts(String which, Object subject, Instant now, Duration window) {
        return jdbc.sql("""
                        SELECT count(*) AS checks, count(*) FILTER (WHERE NOT success) AS failures
                        FROM check_results
                        WHERE %s AND NOT in_maintenance AND checked_at >= :from AND checked_at < :now""".formatted(which))
                .param("subject", subject)
                .param("from", now.minus(window).atOffset(ZoneOffset.UTC))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Counts(rs.getLong("checks"), rs.getLong("failures")))
                .single();
    }

    /** Sets one episode of a subject; {@code table} and {@code column} are this class's constants, never input. */
    private void episode(String table, String column, Object subject, BurnRateRule rule, boolean firing, Instant now) {
        jdbc.sql("UPDATE " + table + " SET firing = :firing, since = :now WHERE " + column
                        + " = :subject AND severity = :severity")
                .param("firing", firing)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("subject", subject)
                .param("severity", rule.severity())
                .update();
    }
}
