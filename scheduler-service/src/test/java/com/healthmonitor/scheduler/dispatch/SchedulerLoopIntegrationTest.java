package com.healthmonitor.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.testing.TestDatabaseInitializer;
import com.healthmonitor.testing.TestQueueInitializer;
import com.healthmonitor.testing.TestQueues;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/** The running service: a new monitor is checked within 2 s, with the default 1 s tick. */
@SpringBootTest
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, TestQueueInitializer.class})
class SchedulerLoopIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Value("${health-monitor.sqs.queue-url}")
    private String queueUrl;

    @Test
    void sendsTheFirstCheckOfANewMonitorWithinTwoSeconds() {
        long id = jdbc.sql("INSERT INTO monitors (name, url, check_interval, timeout)"
                        + " VALUES ('new', 'https://example.com', 30, 5) RETURNING id")
                .query(Long.class)
                .single();

        assertThat(TestQueues.awaitCheck(queueUrl, Duration.ofSeconds(2)).monitorId())
                .isEqualTo(id);
    }
}
