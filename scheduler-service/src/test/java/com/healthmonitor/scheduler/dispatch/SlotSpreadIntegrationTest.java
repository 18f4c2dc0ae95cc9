package com.healthmonitor.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.testing.MutableClock;
import com.healthmonitor.testing.TestDatabaseInitializer;
import com.healthmonitor.testing.TestQueueInitializer;
import com.healthmonitor.testing.TestQueues;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Where the slots of many monitors land after they were created together or all made late by an outage, at a fixed
 * instant of the injected clock.
 */
@SpringBootTest(properties = {"health-monitor.scheduler.enabled=false", "health-monitor.scheduler.claim-limit=1000"})
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, TestQueueInitializer.class})
class SlotSpreadIntegrationTest {

    private static final Instant NOW = Instant.parse("2030-03-01T12:00:00.400Z");

    @TestConfiguration
    static class ClockAtNow {
        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }
    }

    @Autowired
    private CheckDispatcher dispatcher;

    @Autowired
    private JdbcClient jdbc;

    @Value("${health-monitor.sqs.queue-url}")
    private String queueUrl;

    @BeforeEach
    void startEmpty() {
        jdbc.sql("DELETE FROM monitors").update();
        TestQueues.server().client().purgeQueue(b -> b.queueUrl(queueUrl));
    }

    @Test
    void spreadsMonitorsCreatedInTheSameInstantOverTheirIntervalAfterTheirFirstCheck() {
        insertMonitors(4_000, 2, NOW.minusMillis(300));

        dispatchEverythingDue();

        // 4,000 monitors at 2 s: 2,000 checks per second, 200 per 100 ms, instead of 4,000 at one instant.
        List<Long> per100Millis = slotsPer100MillisOfTheirInterval();
        assertThat(per100Millis).hasSize(20);
        assertThat(per100Millis).allSatisfy(count -> assertThat(count).isBetween(190L, 210L));
    }

    @Test
    void spreadsMonitorsMadeLateByAnOutageInsteadOfRealigningThemToOneInstant() {
        insertMonitors(3_000, 60, NOW.minusSeconds(600));

        assertThat(dispatchEverythingDue()).as("each late monitor is sent once").isEqualTo(3_000);
        assertThat(dispatcher.dispatchDue()).isZero();

        List<Instant> next = jdbc.sql("SELECT next_check_at FROM monitors")
                .query(Instant.class)
                .list();
        assertThat(next)
                .allSatisfy(
                        slot -> assertThat(slot).isAfter(NOW.plusSeconds(30)).isBeforeOrEqualTo(NOW.plusSeconds(90)));
        assertThat(slotsPerSecondOfTheMinute()).hasSize(60).allSatisfy(count -> assertThat(count)
                .isBetween(40L, 60L));
    }

    private int dispatchEverythingDue() {
        int sent = 0;
        int round;
        do {
            round = dispatcher.dispatchDue();
            sent += round;
        } while (round > 0);
        return sent;
    }

    private void insertMonitors(int count, int interval, Instant nextCheckAt) {
        jdbc.sql("INSERT INTO monitors (name, url, check_interval, timeout, next_check_at)"
                        + " SELECT 'm' || g, 'https://example.com/' || g, :interval, 1, :next"
                        + " FROM generate_series(1, :count) g")
                .param("interval", interval)
                .param("next", Timestamp.from(nextCheckAt))
                .param("count", count)
                .update();
    }

    private List<Long> slotsPer100MillisOfTheirInterval() {
        return jdbc.sql("SELECT count(*) FROM monitors"
                        + " GROUP BY floor(mod((extract(epoch FROM next_check_at) * 1000)::bigint, 2000) / 100)")
                .query(Long.class)
                .list();
    }

    private List<Long> slotsPerSecondOfTheMinute() {
        return jdbc.sql("SELECT count(*) FROM monitors"
                        + " GROUP BY floor(mod((extract(epoch FROM next_check_at) * 1000)::bigint, 60000) / 1000)")
                .query(Long.class)
                .list();
    }
}
