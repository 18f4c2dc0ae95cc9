package com.healthmonitor.api.channel;

import com.healthmonitor.common.alert.AlertOutbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

    /** The outbox writer shared with the worker: test messages and cancellations go through it, never raw SQL. */
    @Bean
    AlertOutbox alertOutbox(JdbcClient jdbc) {
        return new AlertOutbox(jdbc);
    }
}
