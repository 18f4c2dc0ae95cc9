package com.healthmonitor.scheduler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.sqs.SqsClients;
import com.healthmonitor.testing.TestDatabaseInitializer;
import com.healthmonitor.testing.TestQueueInitializer;
import com.healthmonitor.testing.TestQueues;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A probe region's check queue is in another region than the scheduler, and SQS answers for a queue only in its own
 * region: the scheduler sends there through a client of that region. Two SQS servers stand in for the two regions:
 * the home queue is on the shared one (the scheduler's own client), eu-west-1's on a second one, named in
 * {@code LOCATION_QUEUES} by its AWS URL. The one stand-in is where a client for eu-west-1 connects to; which client a
 * queue gets is the product's.
 */
@SpringBootTest(properties = "health-monitor.scheduler.enabled=false")
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, TestQueueInitializer.class})
class CrossRegionQueueIntegrationTest {

    private static final TestQueues.Server EU_WEST_1 = TestQueues.newServer();
    private static final String EU_QUEUE_NAME = "checks-eu-west-1";
    private static final String EU_QUEUE = "https://sqs.eu-west-1.amazonaws.com/000000000000/" + EU_QUEUE_NAME;
    private static final List<Region> REGIONAL_CLIENTS = new CopyOnWriteArrayList<>();

    static {
        EU_WEST_1.client().createQueue(b -> b.queueName(EU_QUEUE_NAME));
    }

    @DynamicPropertySource
    static void locationQueues(DynamicPropertyRegistry registry) {
        registry.add("health-monitor.locations.queues", () -> "eu-west-1=" + EU_QUEUE);
    }

    /** The product's clients per region, with other regions' clients connecting to the stand-in. */
    @TestConfiguration
    static class OtherRegionOnTheSecondServer {

        @Bean
        SqsClients sqsClients(SqsAsyncClient sqs) {
            return new SqsClients(sqs, region -> {
                REGIONAL_CLIENTS.add(region);
                return SqsAsyncClient.builder()
                        .endpointOverride(URI.create(EU_WEST_1.endpoint()))
                        .region(region)
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(TestQueues.ACCESS_KEY, TestQueues.SECRET_KEY)))
                        .build();
            });
        }
    }

    @Autowired
    private CheckDispatcher dispatcher;

    @Autowired
    private JdbcClient jdbc;

    @Value("${health-monitor.sqs.queue-url}")
    private String homeQueue;

    private final CheckRequestCodec codec = new CheckRequestCodec();

    @BeforeEach
    void startEmpty() {
        jdbc.sql("DELETE FROM monitors").update();
    }

    @Test
    void sendsToAnotherRegionsQueueThroughAClientOfThatRegion() {
        long both = insertMonitor("ARRAY['default', 'eu-west-1']");
        long euOnly = insertMonitor("ARRAY['eu-west-1']");

        assertThat(dispatcher.dispatchDue()).isEqualTo(2);

        List<CheckRequest> eu = checks(
                EU_WEST_1,
                EU_WEST_1.client().getQueueUrl(b -> b.queueName(EU_QUEUE_NAME)).queueUrl());
        List<CheckRequest> home = checks(TestQueues.server(), homeQueue);
        assertThat(eu).extracting(CheckRequest::monitorId).containsExactlyInAnyOrder(both, euOnly);
        assertThat(eu).extracting(CheckRequest::location).containsOnly("eu-west-1");
        assertThat(home).extracting(CheckRequest::monitorId).containsExactly(both);
        // One client for eu-west-1, built once; the home queue went through the scheduler's own client.
        assertThat(REGIONAL_CLIENTS).containsExactly(Region.EU_WEST_1);
    }

    private long insertMonitor(String locations) {
        return jdbc.sql("INSERT INTO monitors (name, url, check_interval, timeout, enabled, next_check_at, locations)"
                        + " VALUES ('m', 'https://example.com/health', 60, 5, TRUE, now() - interval '1 second', "
                        + locations + ") RETURNING id")
                .query(Long.class)
                .single();
    }

    private List<CheckRequest> checks(TestQueues.Server server, String queueUrl) {
        List<Message> messages = server.client()
                .receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10))
                .messages();
        return messages.stream()
                .flatMap(message -> codec.readAll(message.body()).stream())
                .toList();
    }
}
