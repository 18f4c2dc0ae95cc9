package com.healthmonitor.common.testing;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.sqs.EmbeddedSqs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One in-process SQS server (ElasticMQ) per test JVM, shared by every test class. Each caller gets queues of
 * its own, so cached Spring contexts that keep polling never steal each other's messages.
 */
public final class TestQueues {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static volatile EmbeddedSqs server;

    private TestQueues() {}

    public static synchronized EmbeddedSqs server() {
        if (server == null) {
            EmbeddedSqs started = EmbeddedSqs.start(0);
            // Stopped from a shutdown hook, not @AfterAll: cached Spring contexts keep polling until the JVM ends.
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-sqs-shutdown"));
            server = started;
        }
        return server;
    }

    /** Waits at most {@code atMost} for the next check message on {@code queueUrl} and returns it, read. */
    public static CheckRequest awaitCheck(String queueUrl, Duration atMost) {
        List<Message> received = Awaitility.await()
                .atMost(atMost)
                .until(
                        () -> server().client()
                                .receiveMessage(b -> b.queueUrl(queueUrl))
                                .messages(),
                        messages -> !messages.isEmpty());
        return new CheckRequestCodec().read(received.getFirst().body());
    }

    /** A fresh queue (and its DLQ after 3 receives) with a 30 s visibility timeout; returns its URL. */
    public static String newQueue(String prefix) {
        return server().createQueueWithDeadLetterQueue(
                        prefix + "-" + SEQUENCE.incrementAndGet(), 3, Duration.ofSeconds(30));
    }
}
