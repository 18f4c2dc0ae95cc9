package com.healthmonitor.worker.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.testing.ScheduledJobsIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The heartbeat job firing on its own schedule at the real clock, with nobody calling it. */
@ScheduledJobsIntegrationTest
class ScheduledHeartbeatIntegrationTest {

    private static final StubServer HOOKS = new StubServer();

    @Autowired
    private JdbcClient jdbc;

    @AfterAll
    static void stop() {
        HOOKS.close();
    }

    @Test
    void theScheduledJobMarksASilentHeartbeatDownOnceAndAPingBringsItUp() {
        HOOKS.script("/scheduled-heartbeat", Reply.ok());
        Heartbeats heartbeats = new Heartbeats(jdbc);
        // Created a period and its grace ago, never pinged: due now.
        long monitor = heartbeats.create(
                "Backup",
                3600,
                60,
                HOOKS.url("/scheduled-heartbeat"),
                Instant.now().minusSeconds(3660));

        await().atMost(Duration.ofSeconds(20)).until(() -> "DOWN".equals(heartbeats.status(monitor)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/scheduled-heartbeat").size() == 1);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> heartbeats.results(monitor).size() == 1);

        heartbeats.ping(monitor, "success", Instant.now());
        await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(heartbeats.status(monitor)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/scheduled-heartbeat").size() == 2);
        assertThat(heartbeats.transitions(monitor)).containsExactly("UNKNOWN->DOWN", "DOWN->UP");
    }
}
