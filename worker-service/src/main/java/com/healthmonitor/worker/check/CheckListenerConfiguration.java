package com.healthmonitor.worker.check;

import com.healthmonitor.common.net.PrivateTargetsProperties;
import com.healthmonitor.common.sqs.QueueProperties;
import com.healthmonitor.common.sqs.SqsClients;
import com.healthmonitor.worker.http.GuardedHttpClient;
import com.healthmonitor.worker.http.TargetGuard;
import com.healthmonitor.worker.state.ThresholdStateMachine;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The SQS container and the machinery of checks: the SSRF guard, the HTTP client, the checkers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueueProperties.class)
public class CheckListenerConfiguration {

    /** The container factory of the check queue's listener (a full worker's or a probe's). */
    public static final String FACTORY = "checkListenerContainerFactory";

    /**
     * How long the poller waits for a full poll's worth of free slots before polling for the slots that are free.
     * The container's default (10 s) made one slow message (a check waiting on its timeout) hold back the next
     * poll until it finished: checks ran in waves behind slow targets.
     */
    static final Duration MAX_WAIT_FOR_FULL_POLL = Duration.ofMillis(100);

    @Bean(name = FACTORY)
    SqsMessageListenerContainerFactory<Object> checkListenerContainerFactory(
            SqsClients sqs, WorkerProperties worker, QueueProperties queue) {
        // The listener names its queue by placeholder; the record refuses a missing SQS_QUEUE_URL at start-up.
        return containerFactory(sqs.forQueue(queue.queueUrl()), worker);
    }

    /**
     * A container factory with the worker's settings, on the client of the queue its listener reads (a container
     * receives through one client, and SQS answers only in the queue's region).
     */
    public static SqsMessageListenerContainerFactory<Object> containerFactory(
            SqsAsyncClient sqs, WorkerProperties worker) {
        // Each in-flight message runs on its own virtual thread, and so does each of its checks
        // (ConcurrentChecks): a check mostly waits on the network, so slow targets cost memory, not platform threads.
        SimpleAsyncTaskExecutor virtualThreads = new SimpleAsyncTaskExecutor("check-");
        virtualThreads.setVirtualThreads(true);
        return SqsMessageListenerContainerFactory.builder()
                .sqsAsyncClient(sqs)
                .configure(options -> {
                    options.maxConcurrentMessages(worker.messagesInFlight())
                            .maxMessagesPerPoll(Math.min(worker.maxMessagesPerPoll(), worker.messagesInFlight()))
                            .maxDelayBetweenPolls(MAX_WAIT_FOR_FULL_POLL)
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

    @Bean
    TargetGuard targetGuard(PrivateTargetsProperties privateTargets, ExecutorService checkResolverExecutor) {
        return new TargetGuard(privateTargets.allowPrivateTargets(), checkResolverExecutor);
    }

    /** One client for checks and webhooks: every connection it opens goes to an address the guard approved. */
    @Bean(destroyMethod = "close")
    GuardedHttpClient guardedHttpClient(TargetGuard targetGuard) throws NoSuchAlgorithmException {
        return GuardedHttpClient.create(targetGuard, SSLContext.getDefault(), Duration.ofSeconds(10));
    }

    @Bean
    HttpChecker httpChecker(GuardedHttpClient guardedHttpClient, WorkerProperties worker, Clock clock) {
        return new HttpChecker(guardedHttpClient, worker.maxRedirects(), clock);
    }

    @Bean
    TcpChecker tcpChecker(TargetGuard targetGuard, Clock clock) throws NoSuchAlgorithmException {
        return new TcpChecker(targetGuard, SSLContext.getDefault(), clock);
    }

    @Bean
    DnsChecker dnsChecker(TargetGuard targetGuard, Clock clock) {
        return new DnsChecker(targetGuard, clock);
    }

    /** Every checker bean, one per monitor type. */
    @Bean(destroyMethod = "close")
    ConcurrentChecks concurrentChecks(List<Checker<?>> checkers, WorkerProperties worker) {
        return new ConcurrentChecks(new Checkers(checkers), worker.concurrency());
    }

    @Bean
    ThresholdStateMachine thresholdStateMachine(WorkerProperties worker) {
        return new ThresholdStateMachine(worker.thresholds());
    }
}
