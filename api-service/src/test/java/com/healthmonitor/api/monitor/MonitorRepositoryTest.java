package com.healthmonitor.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.testing.TestDatabaseInitializer;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/** The entity against the Flyway schema ({@code ddl-auto=validate}), and the paging queries. */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class MonitorRepositoryTest {

    @Autowired
    private MonitorRepository monitors;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void pagesByIdAfterTheGivenCursor() {
        long first = save("a").id();
        long second = save("b").id();
        long third = save("c").id();

        assertThat(monitors.findByIdGreaterThanOrderByIdAsc(0, Limit.of(2)))
                .extracting(Monitor::id)
                .containsExactly(first, second);
        assertThat(monitors.findByIdGreaterThanOrderByIdAsc(second, Limit.of(2)))
                .extracting(Monitor::id)
                .containsExactly(third);
    }

    @Test
    void filtersByStatus() {
        long up = save("up").id();
        save("unknown");
        monitors.flush();
        jdbc.sql("UPDATE monitors SET status = 'UP' WHERE id = ?").param(up).update();

        assertThat(monitors.findByStatusAndIdGreaterThanOrderByIdAsc(MonitorStatus.UP, 0, Limit.of(10)))
                .extracting(Monitor::id)
                .containsExactly(up);
    }

    private Monitor save(String name) {
        return monitors.saveAndFlush(Monitor.create(
                new MonitorSettings(name, "https://example.com", 60, 5, 200, null, true), Instant.now()));
    }
}
