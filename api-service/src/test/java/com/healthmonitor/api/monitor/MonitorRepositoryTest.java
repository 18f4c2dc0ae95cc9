package com.healthmonitor.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmonitor.api.history.Uptimes;
import com.healthmonitor.common.database.Timestamps;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.common.net.PrivateTargetsProperties;
import com.healthmonitor.testing.TestDatabaseInitializer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The monitors' rows against the Flyway schema: what is written reads back the same, an update leaves the worker's
 * and the scheduler's columns alone, a concurrent change fails, and the list's page query.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(MonitorRepository.class)
class MonitorRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00.123456Z");
    private static final MonitorValidator VALIDATOR = new MonitorValidator(
            new MonitorProperties(30, 500, 1000), new PrivateTargetsProperties(true), KnownLocations.ANY);

    @Autowired
    private MonitorRepository monitors;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void pagesByIdAfterTheGivenCursor() {
        long first = save("a");
        long second = save("b");
        long third = save("c");

        assertThat(monitors.after(new MonitorFilter(null, List.of(), null), 0, 2))
                .extracting(Monitor::id)
                .containsExactly(first, second);
        assertThat(monitors.after(new MonitorFilter(null, List.of(), null), second, 2))
                .extracting(Monitor::id)
                .containsExactly(third);
    }

    @Test
    void filtersByStatus() {
        long up = save("up");
        save("unknown");
        jdbc.sql("UPDATE monitors SET status = 'UP' WHERE id = :id")
                .param("id", up)
                .update();

        assertThat(monitors.after(new MonitorFilter(MonitorStatus.UP, List.of(), null), 0, 10))
                .extracting(Monitor::id)
                .containsExactly(up);
    }

    @Test
    void aMonitorReadsBackAsItWasWrittenAlikeAloneAndInAPage() {
        long slack = channel("slack");
        long email = channel("email");
        MonitorSettings settings = VALIDATOR.validate(MonitorRequests.of(
                "name",
                "everything",
                "url",
                "https://example.com/health",
                "check_interval",
                30,
                "timeout",
                7,
                "webhook_url",
                "https://hooks.slack.com/services/T000/B000/secret",
                "method",
                "POST",
                "headers",
                Map.of("Authorization", "Bearer secret-token", "X-Trace", "1"),
                "body",
                "{\"ping\":true}",
                "content_type",
                "application/json",
                "expected_status_codes",
                List.of("200-299", "301"),
                "assertions",
                List.of(
                        Map.of("type", "body_contains", "value", "ok"),
                        Map.of("type", "body_not_contains", "value", "error")),
                "tls_expiry_days",
                14,
                "fail_threshold",
                3,
                "success_threshold",
                2));
        Monitor created = Monitor.create(settings, NOW);
        created.alerting(new MonitorAlerting(List.of(slack, email), 15), NOW);

        long id = monitors.insert(created);
        Monitor loaded = monitors.find(id).orElseThrow();

        assertThat(loaded.settings()).isEqualTo(settings);
        assertThat(loaded.alerting()).isEqualTo(new MonitorAlerting(List.of(slack, email), 15));
        MonitorResponse response = loaded.toResponse(Uptimes.NONE, false);
        assertThat(response.createdAt()).isEqualTo(NOW);
        assertThat(response.nextCheckAt()).isEqualTo(NOW);
        assertThat(response.status()).isEqualTo(MonitorStatus.UNKNOWN);
        assertThat(monitors.after(new MonitorFilter(null, List.of(), null), 0, 10)
                        .getFirst()
                        .toResponse(Uptimes.NONE, false))
                .isEqualTo(response);
    }

    @Test
    void anUpdateWritesTheConfigurationAndLeavesTheWorkersAndTheSchedulersColumnsAlone() {
        long id = save("config");
        Instant scheduled = NOW.plusSeconds(3600);
        jdbc.sql("""
                        UPDATE monitors SET status = 'DOWN', consecutive_failures = 4, last_error = 'HTTP 503',
                            next_check_at = :scheduled
                        WHERE id = :id""")
                .param("scheduled", Timestamps.utc(scheduled))
                .param("id", id)
                .update();
        Monitor monitor = monitors.find(id).orElseThrow();
        Instant later = NOW.plusSeconds(60);

        Monitor.Change change = monitor.replace(settings("renamed", 60), later);
        monitors.update(monitor, change == Monitor.Change.RESTART);

        MonitorResponse renamed = monitors.find(id).orElseThrow().toResponse(Uptimes.NONE, false);
        assertThat(change).isEqualTo(Monitor.Change.CONFIGURATION);
        assertThat(renamed.name()).isEqualTo("renamed");
        assertThat(renamed.updatedAt()).isEqualTo(later);
        assertThat(renamed.status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(renamed.consecutiveFailures()).isEqualTo(4);
        assertThat(renamed.lastError()).isEqualTo("HTTP 503");
        assertThat(renamed.nextCheckAt()).isEqualTo(scheduled);

        // A changed check is due at once.
        monitor = monitors.find(id).orElseThrow();
        change = monitor.replace(settings("renamed", 120), later);
        monitors.update(monitor, change == Monitor.Change.RESTART);

        assertThat(change).isEqualTo(Monitor.Change.RESTART);
        assertThat(monitors.find(id)
                        .orElseThrow()
                        .toResponse(Uptimes.NONE, false)
                        .nextCheckAt())
                .isEqualTo(later);
        assertThat(version(id)).isEqualTo(3);
    }

    @Test
    void aConcurrentChangeFailsInsteadOfMerging() {
        long id = save("contested");
        Monitor first = monitors.find(id).orElseThrow();
        Monitor second = monitors.find(id).orElseThrow();
        first.replace(settings("first", 60), NOW);
        second.replace(settings("second", 60), NOW);

        monitors.update(first, false);

        assertThatThrownBy(() -> monitors.update(second, false)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(monitors.find(id).orElseThrow().settings().name()).isEqualTo("first");
    }

    private long version(long id) {
        return jdbc.sql("SELECT config_version FROM monitors WHERE id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    private long channel(String type) {
        return jdbc.sql(
                        type.equals("email")
                                ? "INSERT INTO channels (name, type, recipients) VALUES ('mail', 'email', ARRAY['ops@example.com'])"
                                        + " RETURNING id"
                                : "INSERT INTO channels (name, type, url) VALUES (:type, :type, 'https://example.com/hook')"
                                        + " RETURNING id")
                .param("type", type)
                .query(Long.class)
                .single();
    }

    private static MonitorSettings settings(String name, int interval) {
        return VALIDATOR.validate(MonitorRequests.seed(name, "https://example.com", interval, 5, 200, null, true));
    }

    private long save(String name) {
        return monitors.insert(Monitor.create(settings(name, 60), NOW.truncatedTo(ChronoUnit.MICROS)));
    }
}
