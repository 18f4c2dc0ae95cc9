package com.healthmonitor.worker.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.testing.MutableClock;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.testing.Channels;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.MutableClockConfiguration;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Burn-rate alerts on constructed histories, at a controllable clock. */
@WorkerIntegrationTest
@Import(MutableClockConfiguration.class)
class BurnRateAlertIntegrationTest {

    private static final StubServer HOOKS = new StubServer();
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private BurnRateJob job;

    @Autowired
    private MutableClock clock;

    private SloHistory history;

    /** The channel every tagged monitor alerts to. */
    private long shared;

    @AfterAll
    static void stop() {
        HOOKS.close();
    }

    @BeforeEach
    void onlyThisTestsObjectives() {
        HOOKS.script("/burn", Reply.ok());
        jdbc.sql("DELETE FROM monitor_slos").update();
        jdbc.sql("DELETE FROM tag_slos").update();
        history = new SloHistory(jdbc);
        clock.set(NOW);
        shared = new Channels(jdbc).webhook("slack", "shop", HOOKS.url("/burn"), null);
    }

    @Test
    void aFastBurnPagesAndWarnsOnceWhileItGoesOn() {
        long monitor = monitorWithObjective("Checkout");
        // Six hours a minute apart, the last ten minutes failing: 166.7 over 1 h, 27.8 over 6 h, against 99.9 %.
        history.history(monitor, NOW, Duration.ofHours(6), Duration.ofMinutes(10));

        assertThat(job.run()).isEqualTo(2);
        assertThat(job.run()).isZero();
        history.results(monitor, NOW, NOW.plus(Duration.ofMinutes(5)), false);
        clock.set(NOW.plus(Duration.ofMinutes(5)));
        assertThat(job.run()).isZero();

        assertThat(reasons(monitor))
                .satisfiesExactly(
                        page -> assertThat(page)
                                .startsWith("Page: burn rate 166.7 over 1 h and 1000.0 over 5 min, at or above 14.4"),
                        warning -> assertThat(warning)
                                .startsWith("Warning: burn rate 27.8 over 6 h and 333.3 over 30 min, at or above 6.0"));
    }

    @Test
    void aSlowBurnDoesNotAlert() {
        long monitor = monitorWithObjective("Search");
        // Two failures in six hours, none in the last hour: 5.6 over 6 h (below 6), 0 over 1 h. Over budget, slowly.
        history.results(monitor, NOW.minus(Duration.ofHours(6)), NOW, true);
        jdbc.sql("""
                        UPDATE check_results SET success = false, status_code = 503, error = 'HTTP 503'
                        WHERE monitor_id = :id AND checked_at IN (:at1, :at2)""")
                .param("id", monitor)
                .param("at1", NOW.minus(Duration.ofHours(5)).atOffset(ZoneOffset.UTC))
                .param("at2", NOW.minus(Duration.ofHours(3)).atOffset(ZoneOffset.UTC))
                .update();

        assertThat(job.run()).isZero();
        assertThat(reasons(monitor)).isEmpty();
    }

    @Test
    void thePageReArmsOnceTheBurnStopsAndFiresForTheNextOne() {
        long monitor = monitorWithObjective("Payments");
        history.history(monitor, NOW, Duration.ofHours(6), Duration.ofMinutes(10));
        assertThat(job.run()).isEqualTo(2);

        // An hour of successes: the hour no longer burns at 14.4, so the page re-arms; six hours still do.
        Instant later = NOW.plus(Duration.ofHours(1));
        history.results(monitor, NOW, later, true);
        clock.set(later);
        assertThat(job.run()).isZero();
        assertThat(firing(monitor, "page")).isFalse();
        assertThat(firing(monitor, "warn")).isTrue();

        // A new fast burn: the page fires again, the warning is still the same episode.
        history.results(monitor, later, later.plus(Duration.ofMinutes(10)), false);
        clock.set(later.plus(Duration.ofMinutes(10)));
        assertThat(job.run()).isEqualTo(1);
        assertThat(reasons(monitor)).hasSize(3);
        assertThat(reasons(monitor).getLast()).startsWith("Page:");
    }

    @Test
    void severalWorkersAtOnceAlertOnce() throws Exception {
        long monitor = monitorWithObjective("Orders");
        history.history(monitor, NOW, Duration.ofHours(6), Duration.ofMinutes(10));

        int workers = 4;
        List<Callable<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            runs.add(job::run);
        }
        int fired = 0;
        try (ExecutorService executor = Executors.newFixedThreadPool(workers)) {
            for (Future<Integer> run : executor.invokeAll(runs)) {
                fired += run.get();
            }
        }

        assertThat(fired).isEqualTo(2);
        assertThat(reasons(monitor)).hasSize(2);
    }

    @Test
    void maintenanceResultsDoNotBurn() {
        long monitor = monitorWithObjective("Batch");
        history.history(monitor, NOW, Duration.ofHours(6), Duration.ofMinutes(10));
        jdbc.sql("UPDATE check_results SET in_maintenance = true WHERE monitor_id = :id AND NOT success")
                .param("id", monitor)
                .update();

        assertThat(job.run()).isZero();
    }

    @Test
    void aTagsFastBurnAlertsTheTaggedMonitorsChannelsOnceAsOneService() {
        long checkout = tagged("Checkout", "team:shop");
        long cart = tagged("Cart", "team:shop");
        jdbc.sql("INSERT INTO tag_slos (tag, objective, period) VALUES ('team', 99.9, 'month')")
                .update();
        // Checkout fails its last ten minutes, Cart does not: as one service 83.3 over 1 h and 500.0 over 5 min.
        history.history(checkout, NOW, Duration.ofHours(6), Duration.ofMinutes(10));
        history.history(cart, NOW, Duration.ofHours(6), Duration.ZERO);

        assertThat(job.run()).isEqualTo(2);
        assertThat(job.run()).isZero();
        history.results(checkout, NOW, NOW.plus(Duration.ofMinutes(5)), false);
        clock.set(NOW.plus(Duration.ofMinutes(5)));
        assertThat(job.run()).isZero();

        // Both monitors alert to the same channel: one delivery per alert, of no monitor.
        assertThat(jdbc.sql("""
                        SELECT message ->> 'name' || ': ' || (message ->> 'reason') FROM deliveries
                        WHERE kind = 'BURN_RATE' AND monitor_id IS NULL ORDER BY id""").query(String.class).list())
                .satisfiesExactly(
                        page -> assertThat(page)
                                .startsWith("tag team: Page: burn rate 83.3 over 1 h and 500.0 over 5 min"),
                        warning -> assertThat(warning).startsWith("tag team: Warning: burn rate 13.9 over 6 h"));
        assertThat(reasons(checkout)).isEmpty();
    }

    @Test
    void aTagsSlowBurnDoesNotAlert() {
        long search = tagged("Search", "squad:search");
        tagged("Suggest", "squad:search");
        jdbc.sql("INSERT INTO tag_slos (tag, objective, period) VALUES ('squad:search', 99.9, 'month')")
                .update();
        // Two failures in six hours, none in the last hour: 5.6 over 6 h (below 6), 0 over 1 h.
        history.results(search, NOW.minus(Duration.ofHours(6)), NOW, true);
        jdbc.sql("""
                        UPDATE check_results SET success = false, status_code = 503, error = 'HTTP 503'
                        WHERE monitor_id = :id AND checked_at IN (:at1, :at2)""")
                .param("id", search)
                .param("at1", NOW.minus(Duration.ofHours(5)).atOffset(ZoneOffset.UTC))
                .param("at2", NOW.minus(Duration.ofHours(3)).atOffset(ZoneOffset.UTC))
                .update();

        assertThat(job.run()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM tag_slo_burn_alerts WHERE firing")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private long tagged(String name, String tag) {
        long monitor = new Monitors(jdbc).insert(name, "https://" + name.toLowerCase() + ".example.com/", null);
        jdbc.sql("UPDATE monitors SET tags = ARRAY[:tag] WHERE id = :id")
                .param("tag", tag)
                .param("id", monitor)
                .update();
        Channels channels = new Channels(jdbc);
        channels.link(monitor, shared);
        return monitor;
    }

    private long monitorWithObjective(String name) {
        long monitor =
                new Monitors(jdbc).insert(name, "https://" + name.toLowerCase() + ".example.com/", null, "UP", 0, 2);
        Channels channels = new Channels(jdbc);
        channels.link(monitor, channels.webhook("slack", "ops", HOOKS.url("/burn"), null));
        history.objective(monitor, "99.9", "month");
        return monitor;
    }

    /** The burn-rate alerts queued for the monitor, oldest first. */
    private List<String> reasons(long monitor) {
        return jdbc.sql("""
                        SELECT message ->> 'reason' FROM deliveries
                        WHERE monitor_id = :id AND kind = 'BURN_RATE' ORDER BY id""").param("id", monitor).query(String.class).list();
    }

    private boolean firing(long monitor, String severity) {
        return jdbc.sql("SELECT firing FROM slo_burn_alerts WHERE monitor_id = :id AND severity = :severity")
                .param("id", monitor)
                .param("severity", severity)
                .query(Boolean.class)
                .single();
    }
}
