package com.healthmonitor.testing;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One in-process SQS server (ElasticMQ, the real SQS wire protocol) per test JVM, shared by every test class. Each
 * caller gets queues of its own, so cached Spring contexts that keep polling never steal each other's messages.
 */
public final class TestQueues {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static volatile Server server;

    private TestQueues() {}

    /** The shared server and a client of it. */
    public record Server(String endpoint, SqsClient client) {

        /** Messages in {@code queueUrl}, visible or in flight. */
        public int approximateMessages(String queueUrl) {
            Map<QueueAttributeName, String> attributes = client.getQueueAttributes(b -> b.queueUrl(queueUrl)
                            .attributeNames(
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
    }

    public static synchronized Server server() {
        if (server == null) {
            server = newServer();
        }
        return server;
    }

    /**
     * Another SQS server of its own, e.g. to stand in for a second region; stopped when the JVM ends, as the shared
     * one is.
     */
    public static Server newServer() {
        int port = freePort();
        SQSRestServer elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(REGION)
                .start();
        elasticMq.waitUntilStarted();
        String endpoint = "http://127.0.0.1:" + port;
        SqsClient client = SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        // Stopped from a shutdown hook, not @AfterAll: cached Spring contexts keep polling until the JVM ends.
        Runtime.getRuntime().addShutdownHook(new Thread(elasticMq::stopAndWait, "test-sqs-shutdown"));
        return new Server(endpoint, client);
    }

    /**
     * Waits at most {@code atMost} for the next check message on {@code queueUrl} and returns its first check, read
     * (a message may carry a batch of checks).
     */
    public static CheckRequest awaitCheck(String queueUrl, Duration atMost) {
        List<Message> received = Awaitility.await()
                .atMost(atMost)
                .until(
                        () -> server().client()
                                .receiveMessage(b -> b.queueUrl(queueUrl))
                                .messages(),
                        messages -> !messages.isEmpty());
        return new CheckRequestCodec().readAll(received.getFirst().body()).getFirst();
    }

    /**
     * A fresh queue with a 30 s visibility timeout, and its dead-letter queue ({@code <url>-dlq}) that takes a
     * message after 3 receives, as in AWS; returns its URL.
     */
    public static String newQueue(String prefix) {
        String name = prefix + "-" + SEQUENCE.incrementAndGet();
        SqsClient client = server().client();
        String dlqUrl = client.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String dlqArn = client.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        return client.createQueue(b -> b.queueName(name)
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                "30",
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"3\"}")))
                .queueUrl();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
