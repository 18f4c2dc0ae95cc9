package com.healthmonitor.worker.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.database.Timestamps;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.state.Applied;
import com.healthmonitor.worker.state.ResultRecorder;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A known sequence of results, recorded through the worker's result recorder, three days long: every 10 minutes,
 * with a 2-hour outage on the first day (HTTP 503) and one across the midnight between the second and third day
 * (timeouts). Fail and success thresholds are 2.
 */
@WorkerIntegrationTest
class HistoryRollupIntegrationTest {

    private static final int RESULTS = 3 * 144;
    private static final Duration EVERY = Duration.ofMinutes(10);

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ResultRecorder recorder;

    @Autowired
    private DailyRollupJob dailyRollups;

    @Autowired
    private DataSource dataSource;

    private static final Instant DAY0 =
            Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(5));

    /** The sequence is recorded once (it takes a while) and shared by the tests; none of them changes it. */
    private static volatile Long sequence;

    @Test
    void hourlyRollupsAgreeWithTheRawResultsAndARedeliveryAddsNothing() {
        long id = sequence();

        assertThat(rawByHour(id)).isNotEmpty().isEqualTo(rollupsByHour(id));
        assertThat(count("SELECT sum(checks) FROM check_rollups_hourly WHERE monitor_id = " + id))
                .isEqualTo(RESULTS);

        assertThat(recorder.apply(request(id, 5), result(5))).isEqualTo(Applied.DUPLICATE);
        assertThat(rawByHour(id)).isEqualTo(rollupsByHour(id));
    }

    @Test
    void aDailyRollupJobKilledMidwayAndRunAgainCountsEveryDayExactlyOnce() throws Exception {
        long id = sequence();
        Instant day1 = DAY0.plus(Duration.ofDays(1));
        jdbc.sql("UPDATE history_horizons SET daily_rollups_until = :day")
                .param("day", utc(DAY0))
                .update();
        // A stray row for day 1 that the job must replace, held locked so that the job stops there, after day 0.
        jdbc.sql("""
                        INSERT INTO check_rollups_daily (monitor_id, day, checks, failures, latency_count, latency_sum,
                                                         downtime_seconds, incidents)
                        VALUES (:id, :day, 999, 0, 0, 0, 0, 0)""").param("id", id).param("day", utc(day1)).update();
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("SELECT * FROM check_rollups_daily WHERE day = '" + day1 + "' FOR UPDATE");
            }
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(dailyRollups::run);
            await().atMost(Duration.ofSeconds(20)).until(() -> blockedJob() != null);
            jdbc.sql("SELECT pg_terminate_backend(:pid)")
                    .param("pid", blockedJob())
                    .query(Boolean.class)
                    .single();
            assertThatThrownBy(run::get).isInstanceOf(ExecutionException.class);
            blocker.rollback();
        }
        assertThat(dailyUntil()).isEqualTo(day1);
        assertThat(daily(id, DAY0)).containsEntry("checks", 144L);

        dailyRollups.run();
        dailyRollups.run();

        assertThat(dailyUntil()).isAfter(DAY0.plus(Duration.ofDays(3)));
        for (int day = 0; day < 3; day++) {
            Instant start = DAY0.plus(Duration.ofDays(day));
            assertThat(daily(id, start))
                    .as("day %d", day)
                    .containsAllEntriesOf(hourlySums(id, start))
                    .containsEntry("checks", 144L);
        }
        // Day 0: DOWN from the 2nd failure (10:10:02) to the 2nd success (12:10:02); day 1: DOWN from 23:00:02 on;
        // day 2: DOWN until 01:00:02. A status change happens at its check's checked_at, 2 s after the slot.
        assertThat(daily(id, DAY0)).containsEntry("downtime_seconds", 7200L).containsEntry("incidents", 1L);
        assertThat(daily(id, day1)).containsEntry("downtime_seconds", 3598L).containsEntry("incidents", 1L);
        assertThat(daily(id, DAY0.plus(Duration.ofDays(2))))
                .containsEntry("downtime_seconds", 3602L)
                .containsEntry("incidents", 0L);
    }

    private synchronized long sequence() {
        if (sequence == null) {
            sequence = recordSequence();
        }
        return sequence;
    }

    /** Records the sequence for a new monitor and returns its id. */
    private long recordSequence() {
        long id = new Monitors(jdbc).insert("sequence", "https://example.com/sequence", null);
        for (int k = 0; k < RESULTS; k++) {
            assertThat(recorder.apply(request(id, k), result(k))).isNotEqualTo(Applied.DUPLICATE);
        }
        return id;
    }

    private CheckRequest request(long id, int k) {
        return CheckRequest.of(id, slot(k), 1, "https://example.com/", 5, 200);
    }

    private Instant slot(int k) {
        return DAY0.plus(EVERY.multipliedBy(k));
    }

    /** Outages: k in [60, 72) (day 0, 10:00-11:50) answer 503, k in [281, 293) (day 1 22:50 - day 2 00:40) time out. */
    private CheckResult result(int k) {
        Instant checkedAt = slot(k).plusSeconds(2);
        if (k >= 60 && k < 72) {
            return new CheckResult(checkedAt, false, 503, 30, "unexpected status 503 (expected 200)");
        }
        if (k >= 281 && k < 293) {
            return new CheckResult(checkedAt, false, null, 5000, "timed out after 5 s");
        }
        return new CheckResult(checkedAt, true, 200, 50 + (k * 37) % 400, null);
    }

    private List<Map<String, Object>> rawByHour(long id) {
        return jdbc.sql("""
                        SELECT date_trunc('hour', slot, 'UTC') AS hour, count(*) AS checks,
                               count(*) FILTER (WHERE NOT success) AS failures, count(*) FILTER (WHERE responded) AS latency_count,
                               coalesce(sum(latency_ms) FILTER (WHERE responded), 0) AS latency_sum,
                               min(latency_ms) FILTER (WHERE responded) AS latency_min,
                               max(latency_ms) FILTER (WHERE responded) AS latency_max,
                               histogram_sum(latency_histogram(latency_ms)) FILTER (WHERE responded)::text
                                   AS histogram
                        FROM check_results WHERE monitor_id = :id GROUP BY 1 ORDER BY 1""").param("id", id).query().listOfRows();
    }

    private List<Map<String, Object>> rollupsByHour(long id) {
        return jdbc.sql("""
                        SELECT hour, checks::bigint AS checks, failures::bigint AS failures,
                               latency_count::bigint AS latency_count, latency_sum::bigint AS latency_sum, latency_min,
                               latency_max, latency_histogram::text AS histogram
                        FROM check_rollups_hourly WHERE monitor_id = :id ORDER BY 1""").param("id", id).query().listOfRows();
    }

    private Map<String, Object> hourlySums(long id, Instant day) {
        return jdbc.sql("""
                        SELECT sum(checks)::bigint AS checks, sum(failures)::bigint AS failures,
                               sum(latency_count)::bigint AS latency_count, sum(latency_sum)::bigint AS latency_sum,
                               min(latency_min) AS latency_min, max(latency_max) AS latency_max,
                               histogram_sum(latency_histogram)::text AS histogram
                        FROM check_rollups_hourly
                        WHERE monitor_id = :id AND hour >= :day AND hour < :day + interval '1 day'""").param("id", id).param("day", utc(day)).query().singleRow();
    }

    private Map<String, Object> daily(long id, Instant day) {
        return jdbc.sql("""
                        SELECT checks::bigint AS checks, failures::bigint AS failures,
                               latency_count::bigint AS latency_count, latency_sum, latency_min, latency_max,
                               latency_histogram::text AS histogram, round(downtime_seconds)::bigint AS downtime_seconds,
                               incidents::bigint AS incidents
                        FROM check_rollups_daily WHERE monitor_id = :id AND day = :day""").param("id", id).param("day", utc(day)).query().singleRow();
    }

    private Integer blockedJob() {
        return jdbc.sql("""
                        SELECT pid FROM pg_stat_activity
                        WHERE datname = current_database() AND wait_event_type = 'Lock'
                          AND query LIKE 'DELETE FROM check_rollups_daily%'""").query(Integer.class).optional().orElse(null);
    }

    private Instant dailyUntil() {
        return jdbc.sql("SELECT daily_rollups_until FROM history_horizons")
                .query((rs, n) -> Timestamps.instant(rs, "daily_rollups_until"))
                .single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
