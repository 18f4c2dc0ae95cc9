package com.healthmonitor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

class EmbeddedSqsTest {

    @Test
    void movesAMessageToTheDeadLetterQueueAfterTheMaximumReceives() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(0)) {
            movesAPoisonMessageToTheDeadLetterQueue(sqs);
        }
    }

    private static void movesAPoisonMessageToTheDeadLetterQueue(EmbeddedSqs sqs) {
        String queueUrl = sqs.createQueueWithDeadLetterQueue("redrive-test", 2, Duration.ofSeconds(1));
        SqsClient client = sqs.client();
        client.sendMessage(b -> b.queueUrl(queueUrl).messageBody("poison"));

        for (int receive = 0; receive < 2; receive++) {
            assertThat(client.receiveMessage(b ->
                                    b.queueUrl(queueUrl).visibilityTimeout(0).waitTimeSeconds(2))
                            .messages())
                    .hasSize(1);
        }

        String dlqUrl = client.getQueueUrl(b -> b.queueName("redrive-test-dlq")).queueUrl();
        assertThat(client.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1))
                        .messages())
                .isEmpty();
        assertThat(client.receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(2))
                        .messages())
                .extracting(m -> m.body())
                .containsExactly("poison");
    }
}
