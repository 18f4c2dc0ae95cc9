package com.healthmonitor.worker.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.MutableClock;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestQueueInitializer;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.WorkerApplication;
import com.healthmonitor.worker.testing.MutableClockConfiguration;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
 * Heartbeats through the worker's job at a controlled clock: pings and silences become results, statuses and exactly
 * one alert per transition, also with two workers on one database and after a restart.
 */
@WorkerIntegrationTest
@Import(MutableClockConfiguration.class)
class HeartbeatJobIntegrationTest {

    private static final StubServer HOOKS = new StubServer();
    private static final int DAY = 86_400;
    private static final int HOUR = 3_600;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private HeartbeatJob job;

    @Autowired
    private MutableClock clock;

    @Autowired
    private Environment environment;

    @AfterAll
    static void stop() {
        HOOKS.close();
    }

    @Test
    void aPingIsASuccessAndMarksTheHeartbeatUpWithOneAlert() {
        HOOKS.script("/ping-up", Reply.ok());
        Instant created = clock.instant();
        Heartbeats heartbeats = new Heartbeats(jdbc);
        long monitor = heartbeats.create("Nightly backup", DAY, HOUR, HOOKS.url("/ping-up"), created);

        heartbeats.ping(monitor, "success", created.plusSeconds(60));
        clock.set(created.plusSeconds(61));
        job.run();

        assertThat(heartbeats.status(monitor)).isEqualTo("UP");
        assertThat(heartbeats.results(monitor)).containsExactly("ok");
        assertThat(heartbeats.inbox(monitor)).isZero();
        assertThat(jdbc.sql("SELECT ping_deadline = last_ping_at + interval '25 hours' FROM monitors WHERE id = :id")
                        .param("id", monitor)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/ping-up").size() == 1);
    }

    @Test
    void silenceBeyondPeriodAndGraceIsDownWithOneAlertAndEachMissedPeriodIsAResult() {
        HOOKS.script("/silence", Reply.ok());
        Instant created = clock.instant();
        Heartbeats heartbeats = new Heartbeats(jdbc);
        long monitor = heartbeats.create("Nightly backup", DAY, HOUR, HOOKS.url("/silence"), created);

        clock.set(created.plusSeconds(DAY + HOUR - 1));
        job.run();
        assertThat(heartbeats.results(monitor)).isEmpty();

        clock.set(created.plusSeconds(DAY + HOUR));
        job.run();
        assertThat(heartbeats.status(monitor)).isEqualTo("DOWN");
        assertThat(heartbeats.results(monitor)).containsExactly("no ping for 1 d 1 h");

        // Three days on: one failed result per missed period, still one transition.
        clock.set(created.plusSeconds(3 * DAY + HOUR + 5));
        job.run();
        job.run();
        assertThat(heartbeats.results(monitor))
                .containsExactly("no ping for 1 d 1 h", "no ping for 2 d 1 h", "no ping for 3 d 1 h");
        assertThat(heartbeats.transitions(monitor)).containsExactly("UNKNOWN->DOWN");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/silence").size() == 1);
        String text = JsonMapper.builder()
                .build()
                .readTree(HOOKS.requests("/silence").getFirst().body())
                .get("text")
                .asString();
        assertThat(text)
                .contains("Name: Nightly backup")
                .contains("Target: heartbeat every 1 d, grace 1 h")
                .contains("New: DOWN")
                .contains("\nLast ping: never\n")
                .contains("Reason: no ping for 1 d 1 h\n");
    }

    @Test
    void aReportedFailureIsDownAtOnceAndTheNextPingUpAgainEachAlertNamingTheLastPing() {
        HOOKS.script("/fail", Reply.ok());
        Instant created = clock.instant();
        Heartbeats heartbeats = new Heartbeats(jdbc);
        long monitor = heartbeats.create("ETL", HOUR, 600, HOOKS.url("/fail"), created);

        heartbeats.ping(monitor, "success", created.plusSeconds(10));
        heartbeats.ping(monitor, "fail", created.plusSeconds(20));
        clock.set(created.plusSeconds(21));
        job.run();
        assertThat(heartbeats.status(monitor)).isEqualTo("DOWN");
        assertThat(heartbeats.results(monitor)).containsExactly("ok", "the job reported a failure (/fail)");

        // The job goes silent after its failure: the miss counts from the last ping.
        clock.set(created.plusSeconds(20 + HOUR + 600));
        job.run();
        assertThat(heartbeats.results(monitor).getLast()).isEqualTo("no ping for 1 h 10 min");

        Instant recovery = clock.instant().plusSeconds(5);
        heartbeats.ping(monitor, "success", recovery);
        clock.set(clock.instant().plusSeconds(6));
        job.run();
        assertThat(heartbeats.status(monitor)).isEqualTo("UP");
        assertThat(heartbeats.transitions(monitor)).containsExactly("UNKNOWN->UP", "UP->DOWN", "DOWN->UP");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/fail").size() == 3);
        // Each alert's last ping is the one at its change: the /fail for the DOWN, the new ping for the UP.
        assertThat(HOOKS.requests("/fail").stream().map(request -> JsonMapper.builder()
                        .build()
                        .readTree(request.body())
                        .get("text")
                        .asString()))
                .anySatisfy(text -> assertThat(text)
                        .contains("New: DOWN")
                        .contains("Last ping: " + timeOf(created.plusSeconds(20))))
                .anySatisfy(text ->
                        assertThat(text).contains("Old: DOWN -> New: UP").contains("Last ping: " + timeOf(recovery)));
    }

    /** As alerts show a time. */
    private static String timeOf(Instant instant) {
        return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(ZoneOffset.UTC)
                .format(instant);
    }

    @Test
    void aStartedRunThatDoesNotEndWithinTheGraceIsAMiss() {
        Instant created = clock.instant();
        Heartbeats heartbeats = new Heartbeats(jdbc);
        long monitor = heartbeats.create("Import", DAY, 600, null, created);

        heartbeats.ping(monitor, "start", created.plusSeconds(100));
        clock.set(created.plusSeconds(100 + 599));
        job.run();
        assertThat(heartbeats.results(monitor)).isEmpty();

        clock.set(created.plusSeconds(100 + 600));
        job.run();
        assertThat(heartbeats.status(monitor)).isEqualTo("DOWN");
        assertThat(heartbeats.results(monitor))
                .containsExactly("a run started 10 min ago did not report its end; no ping for 11 min 40 s");
    }

    @Test
    void twoWorkersAndARestartRecordEachMissAndAlertExactlyOnce() throws Exception {
        HOOKS.script("/two-workers", Reply.ok());
        Instant created = clock.instant();
        Heartbeats heartbeats = new Heartbeats(jdbc);
        List<Long> monitors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            monitors.add(heartbeats.create("Job " + i, HOUR, 60, HOOKS.url("/two-workers"), created));
        }
        clock.set(created.plusSeconds(HOUR + 60));
        // A worker creates the partitions of its clock's days as it starts, days ahead of need in production; here the
        // clock jumped, so the second worker would create today's while the race writes into it. Create it first.
        jdbc.sql("SELECT create_check_results_partition(:day)")
                .param("day", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
                .query(String.class)
                .single();
        MutableClock secondClock = new MutableClock(clock.instant());
        try (ConfigurableApplicationContext second = secondWorker(secondClock)) {
            HeartbeatJob other = second.getBean(HeartbeatJob.class);
            race(job::run, other::run, job::run, other::run);
        }
        for (long monitor : monitors) {
            assertThat(heartbeats.results(monitor)).hasSize(1);
            assertThat(heartbeats.transitions(monitor)).containsExactly("UNKNOWN->DOWN");
        }
        // A worker started again at the same time finds nothing left to do.
        try (ConfigurableApplicationContext restarted = secondWorker(new MutableClock(clock.instant()))) {
            assertThat(restarted.getBean(HeartbeatJob.class).run()).isZero();
        }
        assertThat(job.run()).isZero();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> HOOKS.requests("/two-workers").size() == 20);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> HOOKS.requests("/two-workers").size() == 20);
    }

    /** Another worker process on the same database (its own queue, listener and clock). */
    private ConfigurableApplicationContext secondWorker(MutableClock clock) {
        return new SpringApplicationBuilder(WorkerApplication.class)
                .properties("spring.config.name=" + WorkerApplication.CONFIG_NAME)
                .initializers(context -> {
                    TestQueueInitializer.useQueue(context, TestQueues.newQueue("heartbeat-worker"));
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
                        "--health-monitor.summary.check-interval=1h",
                        "--health-monitor.heartbeat.check-interval=1h",
                        "--health-monitor.heartbeat.batch-size=3");
    }

    @SafeVarargs
    private static void race(Callable<Integer>... runs) throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(runs.length)) {
            for (Future<Integer> future : threads.invokeAll(List.of(runs))) {
                future.get();
            }
        }
    }
}
