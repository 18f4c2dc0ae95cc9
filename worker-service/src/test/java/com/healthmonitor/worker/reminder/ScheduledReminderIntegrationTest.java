package com.healthmonitor.worker.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.testing.Channels;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.ScheduledJobsIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Reminders sent by the job firing on its own schedule, with nobody calling it. */
@ScheduledJobsIntegrationTest
class ScheduledReminderIntegrationTest {

    private static final StubServer HOOKS = new StubServer();

    @Autowired
    private JdbcClient jdbc;

    @AfterAll
    static void stop() {
        HOOKS.close();
    }

    @Test
    void theScheduledJobRemindsOfAMonitorStillDownOncePerDueTime() {
        HOOKS.script("/still-down", Reply.ok());
        long monitor = new Monitors(jdbc).insert("Checkout", "https://shop.example.com/health", null, "DOWN", 2, 0);
        Channels channels = new Channels(jdbc);
        channels.link(monitor, channels.webhook("slack", "ops", HOOKS.url("/still-down"), null));
        // Due only once its channel is linked: the job runs every 200 ms and must not see it half set up.
        jdbc.sql("""
                        UPDATE monitors SET remind_every = 10, last_status_change_at = :at, last_error = 'HTTP 503'
                        WHERE id = :id""")
                .param("at", Instant.now().minus(Duration.ofMinutes(15)).atOffset(ZoneOffset.UTC))
                .param("id", monitor)
                .update();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/still-down").size() == 1);
        // The next one is due in 10 minutes: a few more passes of the job send nothing for this due time.
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> HOOKS.requests("/still-down").size() == 1);

        String text = JsonMapper.builder()
                .build()
                .readTree(HOOKS.requests("/still-down").getFirst().body())
                .get("text")
                .asString();
        assertThat(text).startsWith("🔴 Checkout still DOWN for 15 min").contains("Reminder: #1");
        assertThat(jdbc.sql("SELECT reminders_sent FROM monitors WHERE id = :id")
                        .param("id", monitor)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }
}
