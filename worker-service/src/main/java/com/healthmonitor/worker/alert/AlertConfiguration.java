package com.healthmonitor.worker.alert;

import com.healthmonitor.common.alert.AlertOutbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class AlertConfiguration {

    /** The outbox writer shared with the api: the one way alerts are queued. */
    @Bean
    AlertOutbox alertOutbox(JdbcClient jdbc) {
        return new AlertOutbox(jdbc);
    }
}
