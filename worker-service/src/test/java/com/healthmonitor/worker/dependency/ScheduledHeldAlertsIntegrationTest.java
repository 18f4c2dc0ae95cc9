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
    }

    @Test
    void aDependantDownOnItsOwnAlertsOnceTheScheduledJobEndsItsWait() {
        HOOKS.script("/held", Reply.ok());
        Monitors monitors = new Monitors(jdbc);
        parent = monitors.insert("Orders DB", "https://db.example.test", null, "UP", 0, 3);
        dependant = monitors.insert("Orders API", "https://api.example.test", HOOKS.url("/held"), "UP", 0, 3);
        jdbc.sql("INSERT INTO monitor_dependencies (monitor_id, depends_on_id) VALUES (:id, :parent)")
                .param("id", dependant)
                .param("parent", parent)
                .update();
        jdbc.sql("UPDATE monitors SET fail_threshold = 1 WHERE id = :id")
                .param("id", dependant)
                .update();
        Instant down = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        recorder.applyAll(List.of(new Checked(
                CheckRequest.of(dependant, down, 1, "https://api.example.test", 5, 200),
                new CheckResult(down, false, 503, 12, "expected status 200, got 503"))));

        await().atMost(Duration.ofSeconds(20)).until(() -> HOOKS.requests("/held").size() == 1);
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(HOOKS.requests("/held").getFirst().body())
                        .get("text")
                        .asString())
                .contains("Old: UP -> New: DOWN")
                .doesNotContain("Held back");
        // It waited its hold (1 s) before the job queued it; then it went once.
        assertThat(jdbc.sql("""
                        SELECT min(d.created_at) - c.changed_at >= interval '1 second'
                        FROM status_changes c JOIN deliveries d ON d.status_change_id = c.id
                        WHERE c.monitor_id = :id AND c.kind = 'STATUS_CHANGE'
                        GROUP BY c.id, c.changed_at""")
                        .param("id", dependant)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> HOOKS.requests("/held").size() == 1);
    }
}
