package com.healthmonitor.worker.check;

import com.healthmonitor.worker.state.ThresholdStateMachine;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The SQS container and the HTTP machinery of checks. */
@Configuration(proxyBeanMethods = false)
class CheckListenerConfiguration {

    static final String FACTORY = "checkListenerContainerFactory";

    @Bean(name = FACTORY)
    SqsMessageListenerContainerFactory<Object> checkListenerContainerFactory(
            SqsAsyncClient sqs, WorkerProperties worker, Environment environment) {
        if (!StringUtils.hasText(environment.getProperty("health-monitor.sqs.queue-url"))) {
            throw new IllegalStateException("health-monitor.sqs.queue-url (SQS_QUEUE_URL) is not set");
        }
        // Each in-flight message runs on its own virtual thread: a check mostly waits on the network, so
        // WORKER_CONCURRENCY slow targets cost memory, not platform threads.
        SimpleAsyncTaskExecutor virtualThreads = new SimpleAsyncTaskExecutor("check-");
        virtualThreads.setVirtualThreads(true);
        return SqsMessageListenerContainerFactory.builder()
                .sqsAsyncClient(sqs)
                .configure(options -> {
                    options.maxConcurrentMessages(worker.concurrency())
                            .maxMessagesPerPoll(Math.min(worker.maxMessagesPerPoll(), worker.concurrency()))
                            .pollTimeout(worker.pollTimeout())
                            .acknowledgementMode(AcknowledgementMode.ON_SUCCESS)
                            .autoStartup(worker.listenerAutoStartup());
                    if (worker.virtualThreads()) {
                        options.componentsTaskExecutor(virtualThreads);
                    }
                })
                .build();
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService checkResolverExecutor() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }

    @Bean(destroyMethod = "close")
    HttpClient checkHttpClient(ExecutorService checkResolverExecutor) {
        return HttpClient.newBuilder()
                .executor(checkResolverExecutor)
                // Redirects are followed by HttpChecker so that every hop passes the SSRF guard.
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1: what health endpoints universally speak; avoids the h2c upgrade some servers mishandle.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Bean
    TargetGuard targetGuard(WorkerProperties worker, ExecutorService checkResolverExecutor) {
        return new TargetGuard(worker.allowPrivateTargets(), checkResolverExecutor);
    }

    @Bean
    HttpChecker httpChecker(HttpClient checkHttpClient, TargetGuard targetGuard, WorkerProperties worker, Clock clock) {
        return new HttpChecker(checkHttpClient, targetGuard, worker.maxRedirects(), clock);
    }

    @Bean
    ThresholdStateMachine thresholdStateMachine(WorkerProperties worker) {
        return new ThresholdStateMachine(worker.thresholds());
    }
}
