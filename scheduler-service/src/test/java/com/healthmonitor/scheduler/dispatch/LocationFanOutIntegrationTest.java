package com.healthmonitor.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.testing.TestDatabaseInitializer;
import com.healthmonitor.testing.TestQueueInitializer;
import com.healthmonitor.testing.TestQueues;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** A slot's check goes to the queue of every location the monitor lists, each copy naming its location. */
@SpringBootTest(properties = "health-monitor.scheduler.enabled=false")
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, TestQueueInitializer.class})
class LocationFanOutIntegrationTest {

    private static final String EU_QUEUE = TestQueues.newQueue("checks-eu-west-1");
    private static final String US_QUEUE = TestQueues.newQueue("checks-us-east-1");

    @DynamicPropertySource
    static void locationQueues(DynamicPropertyRegistry registry) {
        registry.add("health-monitor.locations.queues", () -> "eu-west-1=" + EU_QUEUE + ", us-east-1=" + US_QUEUE);
    }

    @Autowired
    private CheckDispatcher dispatcher;

    @Autowired
    private JdbcClient jdbc;

    @Value("${health-monitor.sqs.queue-url}")
    private String defaultQueue;

    private final SqsClient sqs = TestQueues.server().client();
    private final CheckRequestCodec codec = new CheckRequestCodec();

    @BeforeEach
    void startEmpty() {
        jdbc.sql("DELETE FROM monitors").update();
        for (String queue : List.of(defaultQueue, EU_QUEUE, US_QUEUE)) {
            sqs.purgeQueue(b -> b.queueUrl(queue));
        }
    }

    @Test
    void sendsEachSlotToEveryListedLocationOnceInBatches() {
        List<Long> both = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            both.add(insertMonitor("ARRAY['eu-west-1', 'us-east-1']"));
        }
        long defaultOnly = insertMonitor("ARRAY['default']");
        long defaultAndEu = insertMonitor("ARRAY['default', 'eu-west-1']");

        assertThat(dispatcher.dispatchDue()).isEqualTo(5);

        List<String> euBodies = drainBodies(EU_QUEUE);
        List<String> usBodies = drainBodies(US_QUEUE);
        List<String> defaultBodies = drainBodies(defaultQueue);
        // Batched as before: one message per location for this round.
        assertThat(euBodies).hasSize(1);
        assertThat(usBodies).hasSize(1);
        assertThat(defaultBodies).hasSize(1);
        List<CheckRequest> eu = checks(euBodies);
        List<CheckRequest> us = checks(usBodies);
        List<CheckRequest> home = checks(defaultBodies);
        List<Long> euIds = new ArrayList<>(both);
        euIds.add(defaultAndEu);
        assertThat(eu).extracting(CheckRequest::monitorId).containsExactlyInAnyOrderElementsOf(euIds);
        assertThat(eu).extracting(CheckRequest::location).containsOnly("eu-west-1");
        assertThat(us).extracting(CheckRequest::monitorId).containsExactlyInAnyOrderElementsOf(both);
        assertThat(us).extracting(CheckRequest::location).containsOnly("us-east-1");
        assertThat(home).extracting(CheckRequest::monitorId).containsExactlyInAnyOrder(defaultOnly, defaultAndEu);
        assertThat(home).extracting(CheckRequest::location).containsOnly("default");
        // The same slot everywhere, so the locations' results meet in one slot.
        CheckRequest first = eu.stream()
                .filter(c -> c.monitorId() == both.getFirst())
                .findFirst()
                .orElseThrow();
        CheckRequest second = us.stream()
                .filter(c -> c.monitorId() == both.getFirst())
                .findFirst()
                .orElseThrow();
        assertThat(first.slot()).isEqualTo(second.slot());
        // Every monitor moved on once: nothing is due again.
        assertThat(dispatcher.dispatchDue()).isZero();
    }

    @Test
    void registersItsLocationsSoTheApiKnowsThem() {
        assertThat(jdbc.sql("SELECT name FROM locations ORDER BY name")
                        .query(String.class)
                        .list())
                .contains("default", "eu-west-1", "us-east-1");
    }

    private long insertMonitor(String locations) {
        return jdbc.sql("INSERT INTO monitors (name, url, check_interval, timeout, enabled, next_check_at, locations)"
                        + " VALUES ('m', 'https://example.com/health', 60, 5, TRUE, now() - interval '1 second', "
                        + locations + ") RETURNING id")
                .query(Long.class)
                .single();
    }

    private List<CheckRequest> checks(List<String> bodies) {
        return bodies.stream().flatMap(body -> codec.readAll(body).stream()).toList();
    }

    private List<String> drainBodies(String queueUrl) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).maxNumberOfMessages(10))
                    .messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (Message message : messages) {
                bodies.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }
}
