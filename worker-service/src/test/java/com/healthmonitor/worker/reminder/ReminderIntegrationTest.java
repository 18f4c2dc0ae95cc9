package com.healthmonitor.worker.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckTarget;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Reminders while DOWN, driven by a controllable clock. */
@WorkerIntegrationTest
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = "health-monitor.reminder.max-reminders=2")
class ReminderIntegrationTest {

    private static final StubServer HOOKS = new StubServer();
    private static final Instant DOWN_AT = Instant.parse("2026-11-21T08:00:00Z");

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ReminderJob reminders;

    @Autowired
    private MutableClock clock;

    @AfterAll
    static void stop() {
        HOOKS.close();
    }

    @Test
    void remindsEveryIntervalWhileDownUpToTheLimit() {
        HOOKS.script("/remind", Reply.ok());
        long monitor = downMonitor("/remind", 10);

        clock.set(DOWN_AT.plus(Duration.ofMinutes(9)));
        assertThat(reminders.run()).isZero();
        clock.set(DOWN_AT.plus(Duration.ofMinutes(10)));
        assertThat(reminders.run()).isEqualTo(1);
        assertThat(reminders.run()).isZero();
        clock.set(DOWN_AT.plus(Duration.ofMinutes(19)));
        assertThat(reminders.run()).isZero();
        clock.set(DOWN_AT.plus(Duration.ofMinutes(20)));
        assertThat(reminders.run()).isEqualTo(1);
        clock.set(DOWN_AT.plus(Duration.ofMinutes(80)));
        assertThat(reminders.run()).isZero(); // the limit (2) is reached

        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/remind").size() == 2);
        List<String> texts = HOOKS.requests("/remind").stream()
                .map(r -> JsonMapper.builder()
                        .build()
                        .readTree(r.body())
                        .get("text")
                        .asString())
                .toList();
        assertThat(texts.get(0))
                .startsWith("🔴 Checkout still DOWN for 10 min")
                .contains("Reason: HTTP 503")
                .contains("Reminder: #1");
        assertThat(texts.get(1)).startsWith("🔴 Checkout still DOWN for 20 min").contains("Reminder: #2");
        assertThat(jdbc.sql("SELECT reminders_sent FROM monitors WHERE id = :id")
                        .param("id", monitor)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void remindsNothingWhenRemindEveryIsZeroOrTheMonitorIsUpOrInMaintenance() {
        HOOKS.script("/quiet", Reply.ok());
        long off = downMonitor("/quiet", 0);
        long up = downMonitor("/quiet", 5);
        jdbc.sql("UPDATE monitors SET status = 'UP' WHERE id = :id")
                .param("id", up)
                .update();
        long maintained = downMonitor("/quiet", 5);
        jdbc.sql("UPDATE monitors SET in_maintenance = TRUE WHERE id = :id")
                .param("id", maintained)
                .update();

        clock.set(DOWN_AT.plus(Duration.ofHours(3)));
        reminders.run();

        assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE monitor_id IN (:a, :b, :c)")
                        .param("a", off)
                        .param("b", up)
                        .param("c", maintained)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aHeartbeatsReminderSaysWhenTheJobLastReported() {
        HOOKS.script("/remind-heartbeat", Reply.ok());
        long monitor =
                new Monitors(jdbc).insert("Nightly backup", new CheckTarget.Heartbeat(86_400, 3_600), null, "DOWN", 1);
        // Later than the other tests' clocks, so that their reminder counts never include this monitor.
        Instant downAt = DOWN_AT.plus(Duration.ofDays(30));
        Instant lastPing = downAt.minus(Duration.ofHours(25));
        jdbc.sql("""
                        UPDATE monitors SET remind_every = 10, last_status_change_at = :at, last_ping_at = :ping,
                                            last_error = 'no ping for 1 d 1 h'
                        WHERE id = :id""")
                .param("at", downAt.atOffset(ZoneOffset.UTC))
                .param("ping", lastPing.atOffset(ZoneOffset.UTC))
                .param("id", monitor)
                .update();
        Channels channels = new Channels(jdbc);
        channels.link(monitor, channels.webhook("slack", "ops", HOOKS.url("/remind-heartbeat"), null));

        clock.set(downAt.plus(Duration.ofMinutes(10)));
        assertThat(reminders.run()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/remind-heartbeat").size() == 1);
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(HOOKS.requests("/remind-heartbeat").getFirst().body())
                        .get("text")
                        .asString())
                .startsWith("🔴 Nightly backup still DOWN for 10 min")
                .contains("Last ping: 2026-12-20T07:00:00")
                .contains("Reason: no ping for 1 d 1 h");
    }

    private long downMonitor(String path, int remindEvery) {
        long monitor = new Monitors(jdbc).insert("Checkout", "https://shop.example.com/health", null, "DOWN", 2, 0);
        jdbc.sql("""
                        UPDATE monitors SET remind_every = :every, last_status_change_at = :at, last_error = 'HTTP 503'
                        WHERE id = :id""")
                .param("every", remindEvery)
                .param("at", DOWN_AT.atOffset(ZoneOffset.UTC))
                .param("id", monitor)
                .update();
        Channels channels = new Channels(jdbc);
        channels.link(monitor, channels.webhook("slack", "ops", HOOKS.url(path), null));
        return monitor;
    }
}
