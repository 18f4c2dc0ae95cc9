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
 * <p>Exactly once with several workers: a monitor's episodes (slo_burn_alerts rows) are locked with SKIP LOCKED for
 * the transaction that measures, decides and queues, so a second worker skips the monitor or finds the episode already
 * firing.
 */
@Component
class BurnRateJob {

    private static final Logger log = LoggerFactory.getLogger(BurnRateJob.class);

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

    /** Evaluates every SLO at the clock's current time; returns how many alerts fired. */
    int run() {
        Instant now = clock.instant();
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
                        ON CONFLICT DO NOTHING""")
                .param(
                        "severities",
                        BurnRateRule.ALL.stream().map(BurnRateRule::severity).toArray(String[]::new))
                .update();
        int fired = 0;
        for (long monitor : monitors) {
            // A template, not @Transactional: scheduled() calls this on the bean itself, past any transaction proxy.
            Integer alerted = transactions.execute(tx -> evaluate(monitor, now));
            fired += alerted == null ? 0 : alerted;
        }
        return fired;
    }

    private int evaluate(long monitorId, Instant now) {
        Map<String, Boolean> firing = new HashMap<>();
        jdbc.sql("""
                        SELECT severity, firing FROM slo_burn_alerts WHERE monitor_id = :id
                        ORDER BY severity FOR UPDATE SKIP LOCKED""").param("id", monitorId).query(rs -> {
            firing.put(rs.getString("severity"), rs.getBoolean("firing"));
        });
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
        int fired = 0;
        for (BurnRateRule rule : BurnRateRule.ALL) {
            Counts longCounts = counts(monitorId, now, rule.longWindow());
            Counts shortCounts = counts(monitorId, now, rule.shortWindow());
            boolean wasFiring = firing.get(rule.severity());
            if (!wasFiring && rule.burning(monitor.objective(), monitor.period(), longCounts, shortCounts)) {
                String reason = rule.reason(monitor.objective(), monitor.period(), longCounts, shortCounts);
                alerts.queueForMonitor(
                        monitorId,
                        null,
                        monitor.webhookUrl(),
                        AlertMessage.burnRate(monitorId, monitor.name(), monitor.url(), reason, now));
                episode(monitorId, rule, true, now);
                fired++;
                log.info("[BURN] monitor={} {}", monitorId, reason);
            } else if (wasFiring
                    && BurnRateRule.burnRate(monitor.objective(), longCounts)
                            < rule.threshold(monitor.objective(), monitor.period())) {
                episode(monitorId, rule, false, now);
                log.info("[BURN] monitor={} {} re-armed: the burn stopped", monitorId, rule.severity());
            }
        }
        return fired;
    }

    /** Checks and failures of the monitor's results within [now - window, now), maintenance left out. */
    private Counts counts(long monitorId, Instant now, Duration window) {
        return jdbc.sql("""
                        SELECT count(*) AS checks, count(*) FILTER (WHERE NOT success) AS failures
                        FROM check_results
                        WHERE monitor_id = :id AND NOT in_maintenance AND checked_at >= :from AND checked_at < :now""")
                .param("id", monitorId)
                .param("from", now.minus(window).atOffset(ZoneOffset.UTC))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Counts(rs.getLong("checks"), rs.getLong("failures")))
                .single();
    }

    private void episode(long monitorId, BurnRateRule rule, boolean firing, Instant now) {
        jdbc.sql("""
                        UPDATE slo_burn_alerts SET firing = :firing, since = :now
                        WHERE monitor_id = :id AND severity = :severity""")
                .param("firing", firing)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("id", monitorId)
                .param("severity", rule.severity())
                .update();
    }
}
