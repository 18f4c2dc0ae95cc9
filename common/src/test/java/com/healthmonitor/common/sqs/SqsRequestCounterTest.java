package com.healthmonitor.common.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

class SqsRequestCounterTest {

    @Test
    void billsASendCallOncePerStarted64KiBOfMessageBodies() {
        SendMessageBatchRequest send = SendMessageBatchRequest.builder()
                .entries(entry("a".repeat(40 * 1024)), entry("b".repeat(40 * 1024)))
                .build();

        assertThat(SqsRequestCounter.billed(
                        send, SendMessageBatchResponse.builder().build()))
                .isEqualTo(2);
    }

    @Test
    void billsAReceiveCallByTheBodiesItReturnedAndAnEmptyOneAsOneRequest() {
        ReceiveMessageRequest receive = ReceiveMessageRequest.builder().build();
        ReceiveMessageResponse full = ReceiveMessageResponse.builder()
                .messages(Message.builder().body("x".repeat(130 * 1024)).build())
                .build();

        assertThat(SqsRequestCounter.billed(receive, full)).isEqualTo(3);
        assertThat(SqsRequestCounter.billed(
                        receive, ReceiveMessageResponse.builder().build()))
                .isEqualTo(1);
        assertThat(SqsRequestCounter.billed(
                        DeleteMessageBatchRequest.builder().build(),
                        DeleteMessageBatchResponse.builder().build()))
                .isEqualTo(1);
    }

    private static SendMessageBatchRequestEntry entry(String body) {
        return SendMessageBatchRequestEntry.builder().id("1").messageBody(body).build();
    }
}
