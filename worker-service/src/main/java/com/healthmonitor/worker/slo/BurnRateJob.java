package com.healthmonitor.worker.slo;

import com.healthmonitor.worker.alert.Alerts;
import com.healthmonitor.worker.slo.BurnRateRule.Counts;
import com.healthmonitor.worker.slo.BurnRateSubject.Kind;
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
        int fired = 0;
        for (Kind kind : Kind.values()) {
            fired += evaluateAll(kind, now);
        }
        return fired;
    }

    /** Seeds the episodes of every objective of the kind, then evaluates each subject in a transaction of its own. */
    private int evaluateAll(Kind kind, Instant now) {
        List<BurnRateSubject> subjects = kind.subjects(jdbc);
        if (subjects.isEmpty()) {
            return 0;
        }
        jdbc.sql("""
                        INSERT INTO %2$s (%3$s, severity)
                        SELECT s.%3$s, r.severity
                        FROM %1$s s, unnest(CAST(:severities AS text[])) AS r (severity)
                        ORDER BY 1, 2
                        ON CONFLICT DO NOTHING""".formatted(kind.objectives, kind.episodes, kind.key))
                .param("severities", SEVERITIES)
                .update();
        int fired = 0;
        for (BurnRateSubject subject : subjects) {
            // A template, not @Transactional: scheduled() calls this on the bean itself, past any transaction proxy.
            Integer alerted = transactions.execute(tx -> evaluate(kind, subject, now));
            fired += alerted == null ? 0 : alerted;
        }
        return fired;
    }

    /**
     * Each rule's episode of one subject decided, its episodes locked: fires (once) when the rule's condition starts to
     * hold, re-arms when the long window no longer burns at the threshold. Returns how many fired.
     */
    private int evaluate(Kind kind, BurnRateSubject subject, Instant now) {
        Map<String, Boolean> firing = new HashMap<>();
        jdbc.sql("""
                        SELECT severity, firing FROM %s WHERE %s = :subject
                        ORDER BY severity FOR UPDATE SKIP LOCKED""".formatted(kind.episodes, kind.key))
                .param("subject", subject.key())
                .query(rs -> {
                    firing.put(rs.getString("severity"), rs.getBoolean("firing"));
                });
        if (firing.size() < BurnRateRule.ALL.size()) {
            return 0; // another worker is deciding for this subject now (or its objective went away)
        }
        record Objective(BigDecimal objective, String period) {}
        Objective slo = jdbc.sql(
                        "SELECT objective, period FROM %s WHERE %s = :subject".formatted(kind.objectives, kind.key))
                .param("subject", subject.key())
                .query((rs, n) -> new Objective(rs.getBigDecimal("objective"), rs.getString("period")))
                .single();
        int fired = 0;
        for (BurnRateRule rule : BurnRateRule.ALL) {
            Counts longCounts = counts(kind, subject, now, rule.longWindow());
            Counts shortCounts = counts(kind, subject, now, rule.shortWindow());
            boolean wasFiring = firing.get(rule.severity());
            if (!wasFiring && rule.burning(slo.objective(), slo.period(), longCounts, shortCounts)) {
                String reason = rule.reason(slo.objective(), slo.period(), longCounts, shortCounts);
                subject.alert(jdbc, alerts, reason, now);
                episode(kind, subject, rule, true, now);
                fired++;
                log.info("[BURN] {} {}", subject, reason);
            } else if (wasFiring
                    && BurnRateRule.burnRate(slo.objective(), longCounts)
                            < rule.threshold(slo.objective(), slo.period())) {
                episode(kind, subject, rule, false, now);
                log.info("[BURN] {} {} re-armed: the burn stopped", subject, rule.severity());
            }
        }
        return fired;
    }

    /** Checks and failures within [now - window, now) of the subject's results, maintenance left out. */
    private Counts counts(Kind kind, BurnRateSubject subject, Instant now, Duration window) {
        return jdbc.sql("""
                        SELECT count(*) AS checks, count(*) FILTER (WHERE NOT success) AS failures
                        FROM check_results
                        WHERE %s AND NOT in_maintenance AND checked_at >= :from AND checked_at < :now""".formatted(kind.results))
                .param("subject", subject.key())
                .param("from", now.minus(window).atOffset(ZoneOffset.UTC))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Counts(rs.getLong("checks"), rs.getLong("failures")))
                .single();
    }

    /** Sets one episode of a subject. */
    private void episode(Kind kind, BurnRateSubject subject, BurnRateRule rule, boolean firing, Instant now) {
        jdbc.sql("""
                        UPDATE %s SET firing = :firing, since = :now
                        WHERE %s = :subject AND severity = :severity""".formatted(kind.episodes, kind.key))
                .param("firing", firing)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("subject", subject.key())
                .param("severity", rule.severity())
                .update();
    }
}
