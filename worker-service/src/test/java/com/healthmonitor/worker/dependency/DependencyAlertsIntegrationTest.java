package com.healthmonitor.worker.dependency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.testing.MutableClock;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestQueueInitializer;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.WorkerApplication;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.state.Checked;
import com.healthmonitor.worker.state.ResultRecorder;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.MutableClockConfiguration;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A database and ten services that depend on it, checked by two workers in the same seconds: one alert for the
 * database naming the ten, none for them; when the database recovers, the services still DOWN alert after it, those
 * that recovered with it never. Every result and every held alert is applied by whichever worker gets it first.
 */
@WorkerIntegrationTest
@Import(MutableClockConfiguration.class)
class DependencyAlertsIntegrationTest {

    private static final StubServer HOOKS = new StubServer();
    private static final int DEPENDANTS = 10;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ResultRecorder recorder;

    @Autowired
    private HeldAlertsJob job;

    @Autowired
    private MutableClock clock;

    @Autowired
    private Environment environment;

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Long> created = new ArrayList<>();
    // Another worker process on the same database (its own queue, listener, dispatcher and clock), for the class.
    private static MutableClock secondClock;
    private static ConfigurableApplicationContext second;

    @BeforeEach
    void startSecondWorker() {
        if (second != null) {
            return;
        }
        secondClock = new MutableClock(clock.instant());
        second = new SpringApplicationBuilder(WorkerApplication.class)
                .properties("spring.config.name=" + WorkerApplication.CONFIG_NAME)
                .initializers(context -> {
                    TestQueueInitializer.useQueue(context, TestQueues.newQueue("dependency-worker"));
                    context.getBeanFactory().registerSingleton("clock", secondClock);
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
                        "--health-monitor.dependencies.check-interval=1h");
    }

    /** This context's database is shared with other classes (the daily summary counts every monitor): leave none. */
    @AfterEach
    void deleteTheFleets() {
        Long[] ids = created.toArray(Long[]::new);
        jdbc.sql("DELETE FROM monitors WHERE id = ANY (:ids)").param("ids", ids).update();
        jdbc.sql("DELETE FROM status_changes WHERE monitor_id = ANY (:ids)")
                .param("ids", ids)
                .update();
        created.clear();
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
            second = null;
        }
        HOOKS.close();
    }

    @Test
    void aDependencyAndTenDependantsGoingDownTogetherGiveOneAlertNamingTheTen() throws Exception {
        Fleet fleet = fleet("together");
        Instant down = clock.instant();

        // Each worker gets a share of the failures, in batches of two, all at the same time.
        raceResults(fleet.all(), down, false);
        assertThat(statuses(fleet.all())).containsOnly("DOWN");
        raceJobs(down);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests(fleet.parentHook()).size() == 1);
        String alert = text(HOOKS.requests(fleet.parentHook()).getFirst());
        assertThat(alert)
                .contains("Name: Orders DB " + fleet.name())
                .contains("Old: UP -> New: DOWN")
                .contains("Also down: 10 monitors behind Orders DB " + fleet.name() + " (Orders API " + fleet.name()
                        + " 0, ");
        for (long dependant : fleet.dependants()) {
            assertThat(changes(dependant)).containsExactly("UP->DOWN SUPPRESSED by " + fleet.parent());
        }
        assertThat(deliveries(fleet.parent())).isEqualTo(1);
        // History and status show the dependants' real status; their alerts never go out.
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> HOOKS.requests(fleet.dependantHook()).isEmpty()
                        && HOOKS.requests(fleet.parentHook()).size() == 1);
    }

    @Test
    void whenTheDependencyRecoversFirstTheDependantsStillDownAlertAndThoseThatRecoveredWithItDoNot() throws Exception {
        Fleet fleet = fleet("recovery");
        Instant down = clock.instant();
        raceResults(fleet.all(), down, false);
        raceJobs(down);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests(fleet.parentHook()).size() == 1);

        // The database and half of the services recover in the same seconds; the other half stay DOWN.
        Instant up = down.plusSeconds(300);
        List<Long> recovering = new ArrayList<>(fleet.dependants().subList(0, DEPENDANTS / 2));
        List<Long> stillDown = fleet.dependants().subList(DEPENDANTS / 2, DEPENDANTS);
        recovering.add(fleet.parent());
        raceResults(recovering, up, true);
        raceJobs(up);
        assertThat(HOOKS.requests(fleet.dependantHook())).isEmpty();

        // One window (the 60 s check interval) later, the services still DOWN alert, naming the database.
        raceJobs(up.plusSeconds(61));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests(fleet.dependantHook()).size() == stillDown.size());
        assertThat(HOOKS.requests(fleet.dependantHook())).allSatisfy(request -> assertThat(text(request))
                .contains("Old: UP -> New: DOWN")
                .contains("Held back: while Orders DB " + fleet.name() + " was DOWN"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests(fleet.parentHook()).size() == 2);
        assertThat(text(HOOKS.requests(fleet.parentHook()).get(1))).contains("Old: DOWN -> New: UP");
        // The database's recovery was queued before the services' late alerts.
        long recoveryDelivery = jdbc.sql("SELECT max(id) FROM deliveries WHERE monitor_id = :id")
                .param("id", fleet.parent())
                .query(Long.class)
                .single();
        for (long dependant : stillDown) {
            assertThat(changes(dependant)).containsExactly("UP->DOWN PENDING by " + fleet.parent());
            assertThat(jdbc.sql("SELECT min(id) FROM deliveries WHERE monitor_id = :id")
                            .param("id", dependant)
                            .query(Long.class)
                            .single())
                    .isGreaterThan(recoveryDelivery);
        }
        for (long dependant : recovering.subList(0, DEPENDANTS / 2)) {
            assertThat(changes(dependant))
                    .containsExactly(
                            "UP->DOWN SUPPRESSED by " + fleet.parent(), "DOWN->UP SUPPRESSED by " + fleet.parent());
            assertThat(deliveries(dependant)).isZero();
        }

        // Their own recovery alerts as any recovery does.
        raceResults(stillDown, up.plusSeconds(120), true);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests(fleet.dependantHook()).size() == 2 * stillDown.size());
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> HOOKS.requests(fleet.dependantHook()).size() == 2 * stillDown.size()
                        && HOOKS.requests(fleet.parentHook()).size() == 2);
    }

    @Test
    void aDependantDownOnItsOwnAlertsOnceItsWindowHasPassed() throws Exception {
        Fleet fleet = fleet("alone");
        long dependant = fleet.dependants().getFirst();
        Instant down = clock.instant();
        raceResults(List.of(dependant), down, false);

        raceJobs(down.plusSeconds(59));
        assertThat(changes(dependant)).containsExactly("UP->DOWN HELD");
        raceJobs(down.plusSeconds(60));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests(fleet.dependantHook()).size() == 1);
        assertThat(text(HOOKS.requests(fleet.dependantHook()).getFirst()))
                .contains("Old: UP -> New: DOWN")
                .doesNotContain("Held back")
                .doesNotContain("Also down");
        assertThat(HOOKS.requests(fleet.parentHook())).isEmpty();
    }

    /** A database monitor and ten services depending on it, all UP, DOWN after one failure. */
    private Fleet fleet(String name) {
        String parentHook = "/" + name + "-database";
        String dependantHook = "/" + name + "-services";
        HOOKS.script(parentHook, Reply.ok());
        HOOKS.script(dependantHook, Reply.ok());
        Monitors monitors = new Monitors(jdbc);
        long parent =
                monitors.insert("Orders DB " + name, "https://db.example.test", HOOKS.url(parentHook), "UP", 0, 3);
        List<Long> dependants = new ArrayList<>();
        for (int i = 0; i < DEPENDANTS; i++) {
            long dependant = monitors.insert(
                    "Orders API " + name + " " + i, "https://api.example.test", HOOKS.url(dependantHook), "UP", 0, 3);
            jdbc.sql("INSERT INTO monitor_dependencies (monitor_id, depends_on_id) VALUES (:id, :parent)")
                    .param("id", dependant)
                    .param("parent", parent)
                    .update();
            dependants.add(dependant);
        }
        jdbc.sql("UPDATE monitors SET fail_threshold = 1, success_threshold = 1 WHERE id = :parent OR id IN ("
                        + "SELECT monitor_id FROM monitor_dependencies WHERE depends_on_id = :parent)")
                .param("parent", parent)
                .update();
        created.add(parent);
        created.addAll(dependants);
        return new Fleet(name, parent, List.copyOf(dependants), parentHook, dependantHook);
    }

    record Fleet(String name, long parent, List<Long> dependants, String parentHook, String dependantHook) {

        List<Long> all() {
            List<Long> all = new ArrayList<>(dependants);
            all.add(parent);
            return all;
        }
    }

    private List<String> statuses(List<Long> ids) {
        return jdbc.sql("SELECT status FROM monitors WHERE id = ANY (CAST(:ids AS bigint[]))")
                .param("ids", ids.toArray(Long[]::new))
                .query(String.class)
                .list();
    }

    /**
     * One result per monitor at {@code at}, shuffled into batches of two, applied by both workers at once (each
     * takes every other batch).
     */
    private void raceResults(List<Long> ids, Instant at, boolean success) throws Exception {
        clock.set(at);
        secondClock.set(at);
        // Workers create their days' partitions ahead of need; this clock jumps, so create the day's first (as the
        // heartbeat test does), rather than while the race writes into it.
        jdbc.sql("SELECT create_check_results_partition(:day)")
                .param("day", LocalDate.ofInstant(at, ZoneOffset.UTC))
                .query(String.class)
                .single();
        List<Long> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled);
        List<List<Checked>> batches = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); i += 2) {
            batches.add(shuffled.subList(i, Math.min(i + 2, shuffled.size())).stream()
                    .map(id -> new Checked(
                            CheckRequest.of(id, at, 1, "https://example.test", 5, 200),
                            success
                                    ? new CheckResult(at, true, 200, 12, null)
                                    : new CheckResult(at, false, 503, 12, "expected status 200, got 503")))
                    .toList());
        }
        ResultRecorder other = second.getBean(ResultRecorder.class);
        CyclicBarrier together = new CyclicBarrier(2);
        race(() -> applyEvery(recorder, batches, 0, together), () -> applyEvery(other, batches, 1, together));
    }

    private static int applyEvery(ResultRecorder worker, List<List<Checked>> batches, int first, CyclicBarrier start)
            throws Exception {
        start.await(10, TimeUnit.SECONDS);
        for (int i = first; i < batches.size(); i += 2) {
            worker.applyAll(batches.get(i));
        }
        return 0;
    }

    /** Both workers' release jobs at {@code at}, at once. */
    private void raceJobs(Instant at) throws Exception {
        clock.set(at);
        secondClock.set(at);
        HeldAlertsJob other = second.getBean(HeldAlertsJob.class);
        race(job::run, other::run);
    }

    @SafeVarargs
    private static void race(Callable<Integer>... runs) throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(runs.length)) {
            for (Future<Integer> future : threads.invokeAll(List.of(runs))) {
                future.get();
            }
        }
    }

    /** The monitor's status changes, oldest first: {@code UP->DOWN SUPPRESSED by 12}. */
    private List<String> changes(long id) {
        return jdbc.sql("""
                        SELECT old_status || '->' || new_status || ' ' || delivery
                               || coalesce(' by ' || suppressed_by, '')
                        FROM status_changes WHERE monitor_id = :id AND kind = 'STATUS_CHANGE' ORDER BY id""").param("id", id).query(String.class).list().stream()
                .map(change -> change.replace("SENT", "PENDING"))
                .toList();
    }

    private long deliveries(long id) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE monitor_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    private String text(StubServer.Recorded request) {
        return json.readTree(request.body()).get("text").asString();
    }
}
