package com.healthmonitor.worker.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the daily check_results partitions of today and the next days ahead of time, at start and then hourly,
 * so results land in their own day's partition and retention can drop whole days. Safe with several workers: the
 * database function is idempotent and takes an advisory lock. Should it not run for days, results still go to the
 * default partition, and the function moves them into their day's partition once it runs.
 */
@Component
class PartitionMaintenance {

    private static final Logger log = LoggerFactory.getLogger(PartitionMaintenance.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final HistoryProperties properties;
    private final Clock clock;

    PartitionMaintenance(JdbcClient jdbc, TransactionTemplate transactions, HistoryProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${health-monitor.history.partition-check-interval:1h}")
    void scheduledRun() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("[PARTITIONS] skipped, will retry next interval: {}", e.toString());
        }
    }

    /** Returns the names of the partitions that exist for today and the days ahead. */
    List<String> run() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<String> partitions = new ArrayList<>();
        for (int ahead = 0; ahead <= properties.partitionsAhead(); ahead++) {
            LocalDate day = today.plusDays(ahead);
            // One short transaction per day. Creating a partition locks the table exclusively for a moment; give up
            // (and retry within the hour, days ahead of need) rather than queue behind a long query and hold up
            // every writer queued behind us.
            partitions.add(transactions.execute(status -> {
                jdbc.sql("SET LOCAL lock_timeout = '2s'").update();
                return jdbc.sql("SELECT create_check_results_partition(:day)")
                        .param("day", day)
                        .query(String.class)
                        .single();
            }));
        }
        return partitions;
    }
}
