package com.healthmonitor.worker.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.testing.Channels;
import com.healthmonitor.worker.testing.ScheduledJobsIntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The daily summary sent by the job firing on its own schedule at the configured time, with nobody calling it. */
@ScheduledJobsIntegrationTest
class ScheduledDailySummaryIntegrationTest {

    private static final StubServer HOOKS = new StubServer();

    @Autowired
    private JdbcClient jdbc;

    @AfterAll
    static void stop() {
        HOOKS.close();
    }

    @Test
    void theScheduledJobSendsTheSummaryOnceAtItsTimeOfDay() {
        HOOKS.script("/daily", Reply.ok());
        long channel = new Channels(jdbc).webhook("slack", "daily", HOOKS.url("/daily"), null);
        // A few seconds ahead, in whole seconds as the column keeps it. Past midnight it is tomorrow's time, and
        // then tomorrow's summary: the job sends it the same way.
        ZonedDateTime sendAt = ZonedDateTime.now(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(3);
        jdbc.sql("""
                        UPDATE daily_summary_settings
                        SET enabled = TRUE, send_time = :time, time_zone = 'UTC',
                            channel_ids = ARRAY[CAST(:channel AS bigint)]""")
                .param("time", sendAt.toLocalTime())
                .param("channel", channel)
                .update();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/daily").size() == 1);
        // Later passes of the job find the day's row taken and send nothing more.
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> HOOKS.requests("/daily").size() == 1);

        StubServer.Recorded request = HOOKS.requests("/daily").getFirst();
        assertThat(request.at()).isAfterOrEqualTo(sendAt.toInstant());
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(request.body())
                        .get("text")
                        .asString())
                .startsWith("📊 Daily summary " + sendAt.toLocalDate());
        assertThat(jdbc.sql("SELECT summary_date FROM daily_summaries")
                        .query(LocalDate.class)
                        .list())
                .containsExactly(sendAt.toLocalDate());
    }
}
