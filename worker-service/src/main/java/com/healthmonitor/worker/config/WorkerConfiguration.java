package com.healthmonitor.worker.config;

import com.healthmonitor.worker.state.ThresholdStateMachine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({WorkerProperties.class, AlertProperties.class, RetentionProperties.class})
class WorkerConfiguration {

    @Bean
    ThresholdStateMachine thresholdStateMachine(WorkerProperties worker) {
        return new ThresholdStateMachine(worker.thresholds());
    }
}
