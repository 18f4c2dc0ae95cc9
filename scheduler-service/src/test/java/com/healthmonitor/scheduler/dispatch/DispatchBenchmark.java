package com.healthmonitor.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.testing.TestDatabaseInitializer;
import com.healthmonitor.testing.TestQueueInitializer;
import com.healthmonitor.testing.TestQueues;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * How fast one scheduler claims and sends a large due backlog. Not part of the test run:
 * {@code ./mvnw -pl scheduler-service -am verify -Dgroups=benchmark -Dtest.excludedGroups= -Dtest=DispatchBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@SpringBootTest(properties = "health-monitor.scheduler.enabled=false")
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, TestQueueInitializer.class})
class DispatchBenchmark {

    private static final int MONITORS = Integer.getInteger("benchmark.monitors", 10_000);

    @Autowired
    private CheckDispatcher dispatcher;

    @Autowired
    private JdbcClient jdbc;

    @Value("${health-monitor.sqs.queue-url}")
    private String queueUrl;

    @Test
    void claimsAndSendsABacklog() {
        jdbc.sql("INSERT INTO monitors (name, url, check_interval, timeout)"
                        + " SELECT 'm' || g, 'https://example.com/' || g, 60, 5 FROM generate_series(1, :n) g")
                .param("n", MONITORS)
                .update();

        long start = System.nanoTime();
        int ticks = 0;
        int sent = 0;
        int messages = 0;
        long slowestTick = 0;
        int batch;
        do {
            long tickStart = System.nanoTime();
            batch = dispatcher.dispatchDue();
            slowestTick = Math.max(slowestTick, System.nanoTime() - tickStart);
            sent += batch;
            messages += (batch + 49) / 50;
            ticks++;
        } while (batch > 0);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(sent).isEqualTo(MONITORS);
        // Each round's checks travel in messages of up to 50 (the default checks-per-message).
        assertThat(TestQueues.server().approximateMessages(queueUrl)).isEqualTo(messages);
        System.out.printf(
                "BENCHMARK scheduler sent=%d in %.2fs (%.0f checks/s), %d ticks, slowest tick %d ms%n",
                sent, seconds, sent / seconds, ticks - 1, slowestTick / 1_000_000);
    }
}
