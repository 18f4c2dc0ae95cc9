package com.healthmonitor.worker.probe;

import com.healthmonitor.common.check.CheckResultMessage;
import com.healthmonitor.common.check.CheckResultMessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Sends a check message's results to the results queue as one message, or as few as SQS's size limit allows, and
 * returns only once SQS has accepted them all.
 */
class ResultSender {

    /** SQS's limit on a message body, less room for the attributes SQS counts towards it. */
    static final int MAX_BODY_BYTES = 250 * 1024;

    private final CheckResultMessageCodec codec = new CheckResultMessageCodec();
    private final SqsAsyncClient sqs;
    private final String queueUrl;

    ResultSender(SqsAsyncClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Throws when a send failed; the caller then leaves the check message to come back. */
    void send(List<CheckResultMessage> results) {
        String body = codec.writeBatch(results);
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES && results.size() > 1) {
            // Results are small (an error is at most 500 characters), so only a very large batch gets here.
            int half = results.size() / 2;
            send(results.subList(0, half));
            send(results.subList(half, results.size()));
            return;
        }
        try {
            sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body))
                    .join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
