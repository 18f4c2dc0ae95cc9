package com.healthmonitor.worker.config;

import com.healthmonitor.worker.state.ThresholdStateMachine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({WorkerProperties.class, AlertProperties.class, RetentionProperties.class})
class WorkerConfiguration {

    /**
     * The listener logs every failed message in one line; the SQS container would add a stack trace per message,
     * which during a database outage is thousands of lines a minute. Set here rather than in worker-service.yml,
     * whose properties arrive after logging is configured.
     */
    WorkerConfiguration(LoggingSystem logging) {
        logging.setLogLevel("io.awspring.cloud.sqs.listener.sink.AbstractMessageProcessingPipelineSink", LogLevel.OFF);
    }

    @Bean
    ThresholdStateMachine thresholdStateMachine(WorkerProperties worker) {
        return new ThresholdStateMachine(worker.thresholds());
    }
}
