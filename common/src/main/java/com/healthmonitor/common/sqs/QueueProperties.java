package com.healthmonitor.common.sqs;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The check queue, which the scheduler sends to and the worker listens on; each enables this record where it uses
 * it ({@code @EnableConfigurationProperties}). A service without it fails at start-up, naming the variable.
 *
 * @param queueUrl the check queue ({@code SQS_QUEUE_URL})
 */
@ConfigurationProperties("health-monitor.sqs")
public record QueueProperties(String queueUrl) {

    public QueueProperties {
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalArgumentException("SQS_QUEUE_URL is required");
        }
    }
}
