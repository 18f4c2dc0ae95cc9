package com.healthmonitor.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.check.CheckResultMessage;
import com.healthmonitor.common.check.CheckResultMessageCodec;
import com.healthmonitor.testing.TestQueues;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

class ResultSenderTest {

    @Test
    void aBatchTooLargeForOneMessageIsSentAsSeveralThatFitAndLoseNothing() {
        String queue = TestQueues.newQueue("sender");
        Instant slot = Instant.parse("2026-12-04T10:00:00Z");
        String error = "x".repeat(500);
        List<CheckResultMessage> results = LongStream.rangeClosed(1, 600)
                .mapToObj(id -> new CheckResultMessage(
                        1, id, slot, 1, "eu-west-1", 5, 0, slot, false, null, 5000, error, false, null, null))
                .toList();

        try (SqsAsyncClient sqs = SqsAsyncClient.builder()
                .endpointOverride(URI.create(TestQueues.server().endpoint()))
                .region(Region.of(TestQueues.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestQueues.ACCESS_KEY, TestQueues.SECRET_KEY)))
                .build()) {
            new ResultSender(sqs, queue).send(results);
        }

        List<String> bodies = new ArrayList<>();
        List<Message> received;
        do {
            received = TestQueues.server()
                    .client()
                    .receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10))
                    .messages();
            received.forEach(message -> bodies.add(message.body()));
        } while (!received.isEmpty());
        assertThat(bodies).hasSizeGreaterThan(1).allSatisfy(body -> assertThat(
                        body.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(ResultSender.MAX_BODY_BYTES));
        CheckResultMessageCodec codec = new CheckResultMessageCodec();
        assertThat(bodies.stream().flatMap(body -> codec.readAll(body).stream()))
                .extracting(CheckResultMessage::monitorId)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 600).boxed().toList());
    }
}
