package com.healthmonitor.worker.dependency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.state.Checked;
import com.healthmonitor.worker.state.ResultRecorder;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.ScheduledJobsIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Held alerts released by the job firing on its own schedule (every 200 ms, holds of at most 1 s), at the real clock,
 * with nobody calling it: the path production takes.
 */
@ScheduledJobsIntegrationTest
class ScheduledHeldAlertsIntegrationTest {

    private static final StubServer HOOKS = new StubServer();

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ResultRecorder recorder;

    private long parent;
    private long dependant;
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterAll
    static void stop() {
        HOOKS.close();
    }

    /** The shared context's other classes count every monitor (the daily summary): leave none. */
    @AfterEach
    void deleteTheMonitors() {
        jdbc.sql("DELETE FROM monitors WHERE id IN (:parent, :dependant)")
                .param("parent", parent)
                .param("dependant", dependant)
                .update();
        jdbc.sql("DELETE FROM maintenance_windows WHERE reason = 'held alerts test'")
                .update();
    }

    @Test
    void aDependantDownOnItsOwnAlertsOnceTheScheduledJobEndsItsWait() {
        HOOKS.script("/held", Reply.ok());
        dependantBehindItsDependency("/held", null);
        Instant down = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        check(dependant, down, false);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/held").size() == 1);
        assertThat(text(HOOKS.requests("/held").getFirst()))
                .contains("Old: UP -> New: DOWN")
                .doesNotContain("Held back");
        // It waited its hold (1 s) before the job queued it; then it went once.
        assertThat(jdbc.sql("""
                        SELECT min(d.created_at) - c.changed_at >= interval '1 second'
                        FROM status_changes c JOIN deliveries d ON d.status_change_id = c.id
                        WHERE c.monitor_id = :id AND c.kind = 'STATUS_CHANGE'
                        GROUP BY c.id, c.changed_at""").param("id", dependant).query(Boolean.class).single())
                .isTrue();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> HOOKS.requests("/held").size() == 1);
    }

    @Test
    void aDependantStillDownWhenItsWindowClosesBehindADownDependencyAlertsOnlyOnceTheDependencyRecovers() {
        HOOKS.script("/behind", Reply.ok());
        HOOKS.script("/database", Reply.ok());
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // The dependant's window closes a few seconds from now; the maintenance job notices on its own.
        dependantBehindItsDependency("/behind", HOOKS.url("/database"));
        long window = jdbc.sql("""
                        INSERT INTO maintenance_windows (starts_at, ends_at, reason)
                        VALUES (:start, :end, 'held alerts test') RETURNING id""")
                .param("start", start.minus(Duration.ofMinutes(1)).atOffset(ZoneOffset.UTC))
                .param("end", start.plus(Duration.ofSeconds(4)).atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
        jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (:w, :m)")
                .param("w", window)
                .param("m", dependant)
                .update();

        // Inside its window the dependant goes DOWN silently; then its dependency goes DOWN and alerts at once.
        check(dependant, start, false);
        check(parent, start, false);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/database").size() == 1);

        // The window closes while the dependency is still DOWN: the dependant's alert is held back behind it.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !jdbc.sql("SELECT in_maintenance FROM monitors WHERE id = :id")
                        .param("id", dependant)
                        .query(Boolean.class)
                        .single());
        assertThat(jdbc.sql("""
                        SELECT delivery || ' by ' || suppressed_by FROM status_changes
                        WHERE monitor_id = :id AND kind = 'STATUS_CHANGE'""").param("id", dependant).query(String.class).single())
                .isEqualTo("SUPPRESSED by " + parent);
        assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE monitor_id = :id")
                        .param("id", dependant)
                        .query(Long.class)
                        .single())
                .isZero();

        // The dependency recovers; the dependant, still DOWN, alerts after its wait, naming the dependency.
        check(parent, Instant.now().truncatedTo(ChronoUnit.MILLIS), true);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/behind").size() == 1);
        assertThat(text(HOOKS.requests("/behind").getFirst()))
                .contains("Old: MAINTENANCE -> New: DOWN")
                .contains("Held back: while Orders DB was DOWN");
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> HOOKS.requests("/behind").size() == 1);
    }

    /** Orders DB and Orders API depending on it, both UP, each DOWN after one failure and UP after one success. */
    private void dependantBehindItsDependency(String dependantHook, String parentWebhook) {
        Monitors monitors = new Monitors(jdbc);
        parent = monitors.insert("Orders DB", "https://db.example.test", parentWebhook, "UP", 0, 3);
        dependant = monitors.insert("Orders API", "https://api.example.test", HOOKS.url(dependantHook), "UP", 0, 3);
        jdbc.sql("INSERT INTO monitor_dependencies (monitor_id, depends_on_id) VALUES (:id, :parent)")
                .param("id", dependant)
                .param("parent", parent)
                .update();
        jdbc.sql("UPDATE monitors SET fail_threshold = 1, success_threshold = 1 WHERE id IN (:parent, :dependant)")
                .param("parent", parent)
                .param("dependant", dependant)
                .update();
    }

    /** One check of the monitor at {@code at}, failed or not, applied as the worker applies its results. */
    private void check(long monitor, Instant at, boolean success) {
        recorder.applyAll(List.of(new Checked(
                CheckRequest.of(monitor, at, 1, "https://example.test", 5, 200),
                success
                        ? new CheckResult(at, true, 200, 12, null)
                        : new CheckResult(at, false, 503, 12, "expected status 200, got 503"))));
    }

    private String text(StubServer.Recorded request) {
        return json.readTree(request.body()).get("text").asString();
    }
}
