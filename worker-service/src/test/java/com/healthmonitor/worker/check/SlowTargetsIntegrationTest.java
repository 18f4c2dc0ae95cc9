package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The listener keeps polling while some of its message slots are free, so slow targets do not hold others back. */
@WorkerIntegrationTest
class SlowTargetsIntegrationTest {

    private static final StubServer HTTP = new StubServer();
    private static final int SLOW_TIMEOUT_SECONDS = 10;

    private final CheckRequestCodec codec = new CheckRequestCodec();

    @Autowired
    private JdbcClient jdbc;

    @Value("${health-monitor.sqs.queue-url}")
    private String queueUrl;

    @AfterAll
    static void stop() {
        HTTP.close();
    }

    @Test
    void checksOfAFastTargetQueuedBehindChecksWaitingOnAHangingTargetAreRecordedWithoutWaitingForThem() {
        Instant slot = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Answers long after the checks' timeout: each of these messages holds its slot for the whole timeout.
        HTTP.script("/hangs", Reply.ok().after(Duration.ofSeconds(SLOW_TIMEOUT_SECONDS * 3)));
        HTTP.script("/fast", Reply.ok());
        List<Long> slow = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long id = monitors().insert("hangs-" + i, HTTP.url("/hangs"), null);
            slow.add(id);
            send(CheckRequest.of(id, slot, 1, HTTP.url("/hangs"), SLOW_TIMEOUT_SECONDS, 200));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> HTTP.requests("/hangs").size() == slow.size());

        List<Long> fast = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long id = monitors().insert("fast-" + i, HTTP.url("/fast"), null);
            fast.add(id);
            send(CheckRequest.of(id, slot, 1, HTTP.url("/fast"), 5, 200));
        }

        // Well within the hanging checks' timeout: with the poll waiting for all slots, these came after it.
        await().atMost(Duration.ofSeconds(SLOW_TIMEOUT_SECONDS / 2))
                .until(() -> fast.stream().allMatch(id -> results(id) == 1));
        assertThat(slow).allSatisfy(id -> assertThat(results(id))
                .as("the hanging check of monitor %d is still in flight", id)
                .isZero());

        // The hanging checks end as timeouts; waiting for them leaves the queue empty for the next test.
        await().atMost(Duration.ofSeconds(SLOW_TIMEOUT_SECONDS * 3))
                .until(() -> slow.stream().allMatch(id -> results(id) == 1));
        assertThat(slow).allSatisfy(id -> assertThat(success(id)).isFalse());
    }

    private void send(CheckRequest check) {
        TestQueues.server().client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(codec.write(check)));
    }

    private Monitors monitors() {
        return new Monitors(jdbc);
    }

    private long results(long id) {
        return jdbc.sql("SELECT count(*) FROM check_results WHERE monitor_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    private boolean success(long id) {
        return jdbc.sql("SELECT success FROM check_results WHERE monitor_id = :id")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }
}
