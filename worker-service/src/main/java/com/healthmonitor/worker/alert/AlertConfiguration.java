package com.healthmonitor.worker.alert;

import com.healthmonitor.worker.check.TargetGuard;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AlertConfiguration {

    @Bean(destroyMethod = "close")
    HttpClient webhookHttpClient(ExecutorService checkResolverExecutor) {
        return HttpClient.newBuilder()
                .executor(checkResolverExecutor)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Bean
    WebhookSender webhookSender(
            HttpClient webhookHttpClient, TargetGuard targetGuard, AlertProperties alert, Clock clock) {
        return new WebhookSender(webhookHttpClient, targetGuard, alert, clock);
    }

    @Bean
    OutboxDispatcher outboxDispatcher(
            Outbox outbox, WebhookSender webhookSender, AlertProperties alert, Clock clock, AlertMetrics metrics) {
        return new OutboxDispatcher(outbox, webhookSender, alert, clock, metrics);
    }
}
