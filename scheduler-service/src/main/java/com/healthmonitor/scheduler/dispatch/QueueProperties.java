package com.healthmonitor.scheduler.dispatch;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param queueUrl the check queue ({@code SQS_QUEUE_URL}) */
@ConfigurationProperties("health-monitor.sqs")
record QueueProperties(String queueUrl) {

    public QueueProperties {
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalArgumentException("SQS_QUEUE_URL is required");
        }
    }
}
