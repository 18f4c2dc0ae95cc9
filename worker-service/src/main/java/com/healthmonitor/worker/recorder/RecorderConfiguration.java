package com.healthmonitor.worker.recorder;

import com.healthmonitor.common.sqs.SqsClients;
import com.healthmonitor.worker.check.CheckListenerConfiguration;
import com.healthmonitor.worker.check.WorkerProperties;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recorder's container factory: the worker's settings, on the client of the results queue's region. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(RecorderConfiguration.ENABLED)
class RecorderConfiguration {

    /** A full worker records when {@code RESULTS_QUEUE_URL} is set. */
    static final String ENABLED = "!'${health-monitor.worker.results-queue-url:}'.isBlank()";

    static final String FACTORY = "resultsListenerContainerFactory";

    @Bean(name = FACTORY)
    SqsMessageListenerContainerFactory<Object> resultsListenerContainerFactory(
            SqsClients sqs,
            WorkerProperties worker,
            @Value("${health-monitor.worker.results-queue-url}") String resultsQueueUrl) {
        return CheckListenerConfiguration.containerFactory(sqs.forQueue(resultsQueueUrl), worker);
    }
}
