package com.healthmonitor.worker.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.testing.MutableClock;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.state.Applied;
import com.healthmonitor.worker.state.ResultRecorder;
import com.healthmonitor.worker.testing.Channels;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.MutableClockConfiguration;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * During a window a transition is recorded but alerts nowhere and its results leave uptime; a monitor still DOWN
 * when the window closes alerts once then. Window ends are driven by a controllable clock.
 */
@WorkerIntegrationTest
@Import(MutableClockConfiguration.class)
class MaintenanceIntegrationTest {

    private static final StubServer HOOKS = new StubServer();

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ResultRecorder recorder;

    @Autowired
    private MaintenanceJob job;

    @Autowired
    private MutableClock clock;

    @AfterAll
    static void stop() {
        HOOKS.close();
    }

    @Test
    void aMonitorThatGoesDownDuringMaintenanceAlertsOnceWhenTheWindowEndsStillDown() {
        HOOKS.script("/down-after", Reply.ok());
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long monitor = upMonitorAboutToFail("/down-after");
        long recovered = upMonitorAboutToFail("/down-after");
        window(start, start.plus(Duration.ofHours(1)), monitor, recovered);

        assertThat(recorder.apply(request(monitor, start), failure(start.plusSeconds(5))))
                .isEqualTo(Applied.TRANSITIONED);
        assertThat(recorder.apply(request(recovered, start), failure(start.plusSeconds(5))))
                .isEqualTo(Applied.TRANSITIONED);
        jdbc.sql("UPDATE monitors SET status = 'UP' WHERE id = :id")
                .param("id", recovered)
                .update();

        assertThat(jdbc.sql("SELECT delivery FROM status_changes WHERE monitor_id = :id")
                        .param("id", monitor)
                        .query(String.class)
                        .single())
                .isEqualTo("SUPPRESSED");
        assertThat(jdbc.sql("SELECT in_maintenance FROM check_results WHERE monitor_id = :id")
                        .param("id", monitor)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(deliveries(monitor)).isZero();

        clock.set(start.plus(Duration.ofMinutes(30)));
        assertThat(job.run()).isZero();
        assertThat(deliveries(monitor)).isZero();

        clock.set(start.plus(Duration.ofHours(1)));
        assertThat(job.run()).isEqualTo(2);
        assertThat(job.run()).isZero();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/down-after").size() == 1);
        String text = JsonMapper.builder()
                .build()
                .readTree(HOOKS.requests("/down-after").getFirst().body())
                .get("text")
                .asString();
        assertThat(text).contains("Name: monitor-" + monitor).contains("Old: MAINTENANCE -> New: DOWN");
        assertThat(deliveries(monitor)).isEqualTo(1);
        assertThat(deliveries(recovered)).isZero();
    }

    @Test
    void aTransitionOutsideTheWindowAlertsAsUsual() {
        HOOKS.script("/outside", Reply.ok());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long monitor = upMonitorAboutToFail("/outside");
        window(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)), monitor);

        assertThat(recorder.apply(request(monitor, now), failure(now.plusSeconds(1))))
                .isEqualTo(Applied.TRANSITIONED);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> HOOKS.requests("/outside").size() == 1);
    }

    private long upMonitorAboutToFail(String path) {
        Monitors monitors = new Monitors(jdbc);
        long id = monitors.insert("pending", "https://shop.example.com/health", null, "UP", 1, 0);
        jdbc.sql("UPDATE monitors SET name = 'monitor-' || id WHERE id = :id")
                .param("id", id)
                .update();
        Channels channels = new Channels(jdbc);
        channels.link(id, channels.webhook("slack", "ops", HOOKS.url(path), null));
        return id;
    }

    private void window(Instant start, Instant end, long... monitors) {
        long window = jdbc.sql("""
                        INSERT INTO maintenance_windows (starts_at, ends_at, reason) VALUES (:start, :end, 'upgrade')
                        RETURNING id""")
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", end.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
        for (long monitor : monitors) {
            jdbc.sql("INSERT INTO maintenance_window_monitors (window_id, monitor_id) VALUES (:w, :m)")
                    .param("w", window)
                    .param("m", monitor)
                    .update();
        }
    }

    private static CheckRequest request(long monitor, Instant slot) {
        return CheckRequest.of(monitor, slot, 1, "https://shop.example.com/health", 5, 200);
    }

    private static CheckResult failure(Instant at) {
        return new CheckResult(at, false, 503, 12, "unexpected status 503 (expected 200)");
    }

    private long deliveries(long monitor) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE monitor_id = :id")
                .param("id", monitor)
                .query(Long.class)
                .single();
    }
}
