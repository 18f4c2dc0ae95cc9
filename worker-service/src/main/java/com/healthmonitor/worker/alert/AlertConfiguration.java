package com.healthmonitor.worker.alert;

import com.healthmonitor.worker.http.GuardedHttpClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AlertConfiguration {

    /** Webhooks use the worker's one guarded client: redirects are not followed, every address is approved. */
    @Bean
    WebhookSender webhookSender(GuardedHttpClient guardedHttpClient, AlertProperties alert, Clock clock) {
        return new WebhookSender(guardedHttpClient, alert, clock);
    }

    @Bean
    OutboxDispatcher outboxDispatcher(
            Outbox outbox, WebhookSender webhookSender, AlertProperties alert, Clock clock, AlertMetrics metrics) {
        return new OutboxDispatcher(outbox, webhookSender, alert, clock, metrics);
    }
}
