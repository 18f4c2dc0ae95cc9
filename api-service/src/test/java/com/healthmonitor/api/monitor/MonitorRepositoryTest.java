package com.healthmonitor.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.history.Uptimes;
import com.healthmonitor.common.check.CheckAssertion;
import com.healthmonitor.common.check.MonitorType;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.testing.TestDatabaseInitializer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/** The entity against the Flyway schema ({@code ddl-auto=validate}), and the list's page query. */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(MonitorPages.class)
class MonitorRepositoryTest {

    @Autowired
    private MonitorRepository monitors;

    @Autowired
    private MonitorPages pages;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TestEntityManager entities;

    @Test
    void pagesByIdAfterTheGivenCursor() {
        long first = save("a").id();
        long second = save("b").id();
        long third = save("c").id();

        assertThat(pages.after(null, 0, 2)).extracting(Monitor::id).containsExactly(first, second);
        assertThat(pages.after(null, second, 2)).extracting(Monitor::id).containsExactly(third);
    }

    @Test
    void filtersByStatus() {
        long up = save("up").id();
        save("unknown");
        jdbc.sql("UPDATE monitors SET status = 'UP' WHERE id = ?").param(up).update();

        assertThat(pages.after(MonitorStatus.UP, 0, 10)).extracting(Monitor::id).containsExactly(up);
    }

    @Test
    void aPagedMonitorShowsExactlyAsTheEntityLoadedByHibernate() {
        long slack = channel("slack");
        long email = channel("email");
        Monitor created = Monitor.create(
                new MonitorSettings(
                        "everything",
                        "https://example.com/health",
                        30,
                        7,
                        null,
                        "https://hooks.slack.com/services/T000/B000/secret",
                        true,
                        "POST",
                        Map.of("Authorization", "Bearer secret-token", "X-Trace", "1"),
                        "{\"ping\":true}",
                        "application/json",
                        List.of("200-299", "301"),
                        List.of(new CheckAssertion.BodyContains("ok"), new CheckAssertion.BodyNotContains("error")),
                        true,
                        14,
                        3,
                        2,
                        MonitorType.HTTP,
                        null),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        created.alerting(new MonitorAlerting(List.of(slack, email), 15), Instant.now());
        long id = monitors.saveAndFlush(created).id();
        jdbc.sql("""
                        UPDATE monitors SET status = 'DOWN', consecutive_failures = 4, consecutive_successes = 0,
                            last_checked_at = now(), last_status_code = 503, last_latency_ms = 87,
                            last_error = 'unexpected status 503', last_status_change_at = now() - interval '1 minute'
                        WHERE id = ?""").param(id).update();
        save("plain");

        // Hibernate reads the database again, not the instances it saved.
        entities.clear();

        List<Monitor> page = pages.after(null, 0, 10);
        Monitor loaded = reload(id);

        assertThat(page).hasSize(2);
        assertThat(page.getFirst().toResponse(Uptimes.NONE, false)).isEqualTo(loaded.toResponse(Uptimes.NONE, false));
        assertThat(page.getFirst().settings()).isEqualTo(loaded.settings());
        assertThat(page.getFirst().alerting()).isEqualTo(loaded.alerting());
        assertThat(page.getLast().toResponse(Uptimes.NONE, true))
                .isEqualTo(reload(page.getLast().id()).toResponse(Uptimes.NONE, true));
    }

    private Monitor reload(long id) {
        return monitors.findById(id).orElseThrow();
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

    private Monitor save(String name) {
        return monitors.saveAndFlush(Monitor.create(
                new MonitorSettings(name, "https://example.com", 60, 5, 200, null, true), Instant.now()));
    }
}
