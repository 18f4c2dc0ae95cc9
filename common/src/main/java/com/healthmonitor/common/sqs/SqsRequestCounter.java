package com.healthmonitor.common.sqs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Counts SQS API calls per operation ({@code health_monitor.sqs.requests}) and the requests AWS bills for them
 * ({@code health_monitor.sqs.billed_requests}): every call is at least one, and a call that sends or receives message
 * bodies is one per started 64 KiB of them. What SQS costs is read from these, not estimated.
 */
final class SqsRequestCounter implements ExecutionInterceptor {

    static final int BILLING_CHUNK_BYTES = 64 * 1024;

    private final MeterRegistry registry;

    SqsRequestCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        count(attributes, "success", billed(context.request(), context.response()));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        count(attributes, "failure", billed(context.request(), null));
    }

    private void count(ExecutionAttributes attributes, String outcome, long billed) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Counter.builder("health_monitor.sqs.requests")
                .description("SQS API calls")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Counter.builder("health_monitor.sqs.billed_requests")
                .description("SQS requests as billed: one per call and started 64 KiB of message bodies")
                .tag("operation", operation)
                .register(registry)
                .increment(billed);
    }

    static long billed(SdkRequest request, SdkResponse response) {
        long bytes =
                switch (request) {
                    case SendMessageBatchRequest batch ->
                        bytes(batch.entries().stream().map(SendMessageBatchRequestEntry::messageBody));
                    case SendMessageRequest send -> bytes(Stream.of(send.messageBody()));
                    default -> 0;
                };
        if (response instanceof ReceiveMessageResponse received) {
            bytes += bytes(received.messages().stream().map(Message::body));
        }
        return Math.max(1, (bytes + BILLING_CHUNK_BYTES - 1) / BILLING_CHUNK_BYTES);
    }

    private static long bytes(Stream<String> bodies) {
        return bodies.mapToLong(body -> body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length)
                .sum();
    }
}
