package com.healthmonitor.worker.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.MutableClock;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestQueueInitializer;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.WorkerApplication;
import com.healthmonitor.worker.testing.Channels;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.MutableClockConfiguration;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The daily summary goes out exactly once per local day: two worker contexts on one database racing at the due
 * time, and a restarted worker, send it once; the next day sends again. Time is a controllable clock in each.
 */
@WorkerIntegrationTest
@Import(MutableClockConfiguration.class)
class DailySummaryIntegrationTest {

    private static final StubServer HOOKS = new StubServer();
    // 09:00 in Berlin is 08:00 UTC in November.
    private static final Instant BEFORE = Instant.parse("2026-11-21T07:59:59Z");
    private static final Instant DUE = Instant.parse("2026-11-21T08:00:30Z");

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private DailySummaryJob job;

    @Autowired
    private MutableClock clock;

    @Autowired
    private Environment environment;

    @AfterAll
    static void stop() {
        HOOKS.close();
    }

    @Test
    void twoWorkersAndARestartSendTheSummaryExactlyOncePerDay() throws Exception {
        HOOKS.script("/summary", Reply.ok());
        Channels channels = new Channels(jdbc);
        long channel = channels.webhook("slack", "daily", HOOKS.url("/summary"), null);
        Monitors monitors = new Monitors(jdbc);
        monitors.insert("Checkout", "https://shop.example.com/health", null, "DOWN", 2, 0);
        monitors.insert("Search", "https://search.example.com/health", null, "UP", 0, 2);
        jdbc.sql("""
                        UPDATE daily_summary_settings
                        SET enabled = TRUE, send_time = '09:00', time_zone = 'Europe/Berlin',
                            channel_ids = ARRAY[CAST(:channel AS bigint)]""").param("channel", channel).update();
        MutableClock otherClock = new MutableClock(BEFORE);
        clock.set(BEFORE);

        try (ConfigurableApplicationContext other = secondWorker(otherClock)) {
            DailySummaryJob otherJob = other.getBean(DailySummaryJob.class);
            assertThat(job.run()).isFalse();
            assertThat(otherJob.run()).isFalse();

            clock.set(DUE);
            otherClock.set(DUE);
            List<Boolean> sent = race(job::run, otherJob::run);

            assertThat(sent).containsExactlyInAnyOrder(true, false);
        }
        MutableClock restartedClock = new MutableClock(DUE.plus(Duration.ofHours(3)));
        try (ConfigurableApplicationContext restarted = secondWorker(restartedClock)) {
            assertThat(restarted.getBean(DailySummaryJob.class).run()).isFalse();
        }
        assertThat(job.run()).isFalse();

        await().atMost(Duration.ofSeconds(20)).until(() -> sentDeliveries() == 1);
        assertThat(HOOKS.requests("/summary")).hasSize(1);
        String text = JsonMapper.builder()
                .build()
                .readTree(HOOKS.requests("/summary").getFirst().body())
                .get("text")
                .asString();
        assertThat(text).startsWith("📊 Daily summary 2026-11-21").contains("Monitors: 1 up, 1 down");

        clock.set(DUE.plus(Duration.ofDays(1)));
        assertThat(job.run()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> sentDeliveries() == 2);
        assertThat(HOOKS.requests("/summary")).hasSize(2);
        assertThat(jdbc.sql("SELECT summary_date::text FROM daily_summaries ORDER BY summary_date")
                        .query(String.class)
                        .list())
                .containsExactly("2026-11-21", "2026-11-22");
    }

    /** Another worker process on the same database (its own queue, listener and clock). */
    private ConfigurableApplicationContext secondWorker(MutableClock clock) {
        // Command-line arguments: they outrank the service's YAML, as the test context's properties do.
        return new SpringApplicationBuilder(WorkerApplication.class)
                .properties("spring.config.name=" + WorkerApplication.CONFIG_NAME)
                .initializers(context -> {
                    TestQueueInitializer.useQueue(context, TestQueues.newQueue("second-worker"));
                    context.getBeanFactory().registerSingleton("clock", clock);
                })
                .run(
                        "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                        "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                        "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                        "--server.port=0",
                        "--health-monitor.allow-private-targets=true",
                        "--health-monitor.alert.poll-interval=200ms",
                        "--health-monitor.retention.initial-delay=1h",
                        "--health-monitor.reminder.check-interval=1h",
                        "--health-monitor.maintenance.check-interval=1h",
                        "--health-monitor.summary.check-interval=1h");
    }

    @SafeVarargs
    private static List<Boolean> race(Callable<Boolean>... runs) throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(runs.length)) {
            List<Future<Boolean>> futures = threads.invokeAll(List.of(runs));
            List<Boolean> results = new java.util.ArrayList<>();
            for (Future<Boolean> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    private long sentDeliveries() {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE kind = 'SUMMARY' AND status = 'SENT'")
                .query(Long.class)
                .single();
    }
}
