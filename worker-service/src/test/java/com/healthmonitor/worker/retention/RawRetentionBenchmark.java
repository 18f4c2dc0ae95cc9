package com.healthmonitor.worker.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.testing.MutableClock;
import com.healthmonitor.testing.TestDatabaseInitializer;
import com.healthmonitor.testing.TestQueueInitializer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Raw storage under retention: {@code benchmark.days} simulated days (clock moved a day at a time), each adding a day
 * of results (one a minute) for {@code benchmark.monitors} monitors, with partition maintenance and retention run as
 * the worker runs them and CHECK_RESULT_RETENTION at its default of 7 days. The size of check_results must stop
 * growing once the retention is reached. Not part of the test run: {@code ./mvnw -B verify -pl worker-service -am
 * -Dgroups=benchmark -Dtest.excludedGroups= -Dtest=RawRetentionBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@SpringBootTest(
        properties = {
            "health-monitor.worker.listener-auto-startup=false",
            "health-monitor.retention.initial-delay=1h",
            "health-monitor.history.rollup-initial-delay=1h",
            "health-monitor.history.partition-check-interval=1h"
        })
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, TestQueueInitializer.class})
@Import(RawRetentionBenchmark.ClockConfiguration.class)
class RawRetentionBenchmark {

    private static final int DAYS = Integer.getInteger("benchmark.days", 14);
    private static final int MONITORS = Integer.getInteger("benchmark.monitors", 200);
    private static final Instant START =
            Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS + 1));

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {

        /** The worker's time, moved by the test. */
        @Bean
        MutableClock clock() {
            return new MutableClock(START);
        }
    }

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private PartitionMaintenance partitions;

    @Autowired
    private RetentionJob retention;

    @Autowired
    private MutableClock clock;

    @Test
    void rawStorageStaysFlatOnceTheRetentionIsReached() {
        jdbc.sql("INSERT INTO monitors (name, url) SELECT 'm' || g, 'https://example.com/' || g"
                        + " FROM generate_series(1, :n) g")
                .param("n", MONITORS)
                .update();
        jdbc.sql("UPDATE history_horizons SET raw_results_from = '-infinity', hourly_rollups_from = '-infinity',"
                        + " status_changes_from = '-infinity'")
                .update();
        List<Long> sizes = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (int day = 0; day < DAYS; day++) {
            Instant dayStart = START.plus(Duration.ofDays(day));
            clock.set(dayStart);
            partitions.run();
            jdbc.sql("""
                            INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success,
                                                       status_code, latency_ms)
                            SELECT m.id, s, s + interval '1 second', 1, true, 200, 100 + m.id % 200
                            FROM monitors m,
                                 generate_series(CAST(:day AS timestamptz), CAST(:day AS timestamptz)
                                                 + interval '1439 minutes', interval '1 minute') s""").param("day", dayStart.atOffset(ZoneOffset.UTC)).update();
            clock.set(dayStart.plus(Duration.ofHours(23)));
            retention.run();
            long bytes = rawBytes();
            long rows = jdbc.sql("SELECT count(*) FROM check_results")
                    .query(Long.class)
                    .single();
            sizes.add(bytes);
            report.append(String.format(
                    Locale.ROOT,
                    "BENCHMARK raw-retention day=%d rows=%d size=%.1f MB partitions=%d%n",
                    day + 1,
                    rows,
                    bytes / 1e6,
                    partitionCount()));
        }
        System.out.print(report);
        assertThat(sizes.getLast()).isLessThanOrEqualTo((long) (sizes.get(8) * 1.05));
    }

    private long rawBytes() {
        return jdbc.sql("""
                        SELECT coalesce(sum(pg_total_relation_size(i.inhrelid)), 0) FROM pg_inherits i
                        WHERE i.inhparent = 'check_results'::regclass""").query(Long.class).single();
    }

    private long partitionCount() {
        return jdbc.sql("SELECT count(*) FROM pg_inherits WHERE inhparent = 'check_results'::regclass")
                .query(Long.class)
                .single();
    }
}
