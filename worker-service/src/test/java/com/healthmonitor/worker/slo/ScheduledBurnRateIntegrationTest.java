package com.healthmonitor.worker.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.testing.Channels;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.ScheduledJobsIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Burn-rate alerts sent by the job firing on its own schedule, at the real clock, with nobody calling it. */
@ScheduledJobsIntegrationTest
class ScheduledBurnRateIntegrationTest {

    private static final StubServer HOOKS = new StubServer();

    @Autowired
    private JdbcClient jdbc;

    @AfterAll
    static void stop() {
        HOOKS.close();
    }

    @Test
    void theScheduledJobPagesAndWarnsOnceOnAFastBurn() {
        HOOKS.script("/burning", Reply.ok());
        long monitor = new Monitors(jdbc).insert("Checkout", "https://shop.example.com/health", null, "DOWN", 2, 0);
        Channels channels = new Channels(jdbc);
        channels.link(monitor, channels.webhook("slack", "ops", HOOKS.url("/burning"), null));
        SloHistory history = new SloHistory(jdbc);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        history.history(monitor, now, Duration.ofHours(1), Duration.ofMinutes(10));
        // Evaluated only once the history is in place: the job runs every 200 ms.
        history.objective(monitor, "99.9", "month");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/burning").size() == 2);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> HOOKS.requests("/burning").size() == 2);

        assertThat(HOOKS.requests("/burning"))
                .map(request -> JsonMapper.builder()
                        .build()
                        .readTree(request.body())
                        .get("text")
                        .asString())
                .allSatisfy(text -> assertThat(text).startsWith("🔥 Error budget burning: Checkout"))
                .anySatisfy(text -> assertThat(text).contains("Reason: Page: burn rate"))
                .anySatisfy(text -> assertThat(text).contains("Reason: Warning: burn rate"));
    }
}
