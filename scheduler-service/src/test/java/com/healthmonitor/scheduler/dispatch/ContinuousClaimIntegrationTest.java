package com.healthmonitor.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.testing.TestDatabaseInitializer;
import com.healthmonitor.testing.TestQueueInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The claim limit bounds one round, not the rate: one tick keeps claiming while rounds come back full. The service's
 * own loop is off so that only the test's tick runs.
 */
@SpringBootTest(properties = {"health-monitor.scheduler.enabled=false", "health-monitor.scheduler.claim-limit=100"})
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, TestQueueInitializer.class})
class ContinuousClaimIntegrationTest {

    @Autowired
    private CheckDispatcher dispatcher;

    @Autowired
    private SchedulerProperties properties;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void keepsClaimingWhileDueWorkExistsInsteadOfWaitingATickAfterAFullRound() {
        jdbc.sql("INSERT INTO monitors (name, url, check_interval, timeout)"
                        + " SELECT 'm' || g, 'https://example.com/' || g, 60, 5 FROM generate_series(1, 350) g")
                .update();

        new SchedulerLoop(dispatcher, properties).tick();

        assertThat(jdbc.sql("SELECT count(*) FROM monitors WHERE next_check_at <= now()")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
