package com.healthmonitor.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An in-process SQS-compatible server (ElasticMQ), speaking the real SQS wire protocol, for the standalone run.
 * Queues live in memory.
 */
final class EmbeddedSqs implements AutoCloseable {

    static final String REGION = "us-east-1";
    static final String ACCESS_KEY = "local";
    static final String SECRET_KEY = "local";

    private final SQSRestServer server;
    private final String endpoint;
    private final SqsClient client;

    private EmbeddedSqs(SQSRestServer server, String endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Starts a server on loopback; port 0 picks a free one. */
    static EmbeddedSqs start(int port) {
        int chosen = port == 0 ? freePort() : port;
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(chosen)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", chosen, ""))
                .withAWSRegion(REGION)
                .start();
        server.waitUntilStarted();
        return new EmbeddedSqs(server, "http://127.0.0.1:" + chosen);
    }

    String endpoint() {
        return endpoint;
    }

    /**
     * Creates {@code name} with a dead-letter queue {@code name-dlq} that receives a message after
     * {@code maxReceiveCount} failed receives, as the AWS stack does. Returns the queue URL.
     */
    String createQueueWithDeadLetterQueue(String name, int maxReceiveCount, Duration visibilityTimeout) {
        String dlqUrl = client.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String dlqArn = client.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String redrivePolicy =
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
        return client.createQueue(b -> b.queueName(name)
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                Long.toString(visibilityTimeout.toSeconds()),
                                QueueAttributeName.REDRIVE_POLICY,
                                redrivePolicy)))
                .queueUrl();
    }

    SqsClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
