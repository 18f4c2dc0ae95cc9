package com.healthmonitor.worker.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestDatabase;
import com.healthmonitor.testing.TestDatabaseInitializer;
import com.healthmonitor.testing.TestQueueInitializer;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.alert.StatusChangeRecorded;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Measures one worker: checks/second against a fast local target with the queue pre-loaded, process CPU time,
 * heap, and the latency from the commit of a threshold-crossing result to the webhook POST arriving.
 *
 * <p>Not part of the build; run it with
 * {@code ./mvnw -B -pl worker-service -am verify -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest=WorkerThroughputBenchmark -Dgroups=benchmark -Dtest.excludedGroups=} (options: -Dbenchmark.messages=3000 (checks),
 * -Dbenchmark.batch=50 (checks per message), -Dbenchmark.messagesInFlight=10, -Dbenchmark.concurrency=50, -Dbenchmark.virtualThreads=true, -Dbenchmark.targetDelayMs=0).
 */
@Tag("benchmark")
@SpringBootTest(
        properties = {
            "health-monitor.worker.allow-private-targets=true",
            "health-monitor.worker.poll-timeout=1s",
            "health-monitor.worker.concurrency=${benchmark.concurrency:50}",
            "health-monitor.worker.messages-in-flight=${benchmark.messagesInFlight:10}",
            "health-monitor.worker.virtual-threads=${benchmark.virtualThreads:true}",
            "health-monitor.worker.listener-auto-startup=false",
            "spring.datasource.hikari.maximum-pool-size=10",
            "health-monitor.retention.initial-delay=1h",
            "logging.level.com.healthmonitor.worker.state.StatusChanges=WARN",
            "logging.level.com.healthmonitor.worker.alert=WARN"
        })
@ContextConfiguration(initializers = WorkerThroughputBenchmark.PreloadedQueue.class)
class WorkerThroughputBenchmark {

    static final int MESSAGES = Integer.getInteger("benchmark.messages", 3000);
    /** Checks per SQS message: a version-3 batch, or with 1 the single-check format of older schedulers. */
    static final int BATCH = Integer.getInteger("benchmark.batch", 50);

    static final int TARGET_DELAY_MS = Integer.getInteger("benchmark.targetDelayMs", 0);
    static final StubServer HTTP = new StubServer();
    static volatile String databaseUrl;

    @Autowired
    private CommitTimes commits;

    @Autowired
    private MessageListenerContainerRegistry containers;

    @Value("${health-monitor.sqs.queue-url}")
    private String queueUrl;

    @AfterAll
    static void stop() {
        HTTP.close();
    }

    @Test
    void measure() {
        JdbcClient jdbc = JdbcClient.create(dataSource());
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long startNanos = System.nanoTime();
        long cpuAtStart = processCpuNanos();
        containers.getListenerContainers().forEach(container -> container.start());
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.sql("SELECT count(*) FROM check_results")
                                .query(Long.class)
                                .single()
                        >= MESSAGES);
        long doneNanos = System.nanoTime();
        long cpuNanos = processCpuNanos() - cpuAtStart;
        Map<String, Object> span = jdbc.sql("""
                        SELECT min(checked_at) AS first, max(checked_at) AS last,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
                               count(*) FILTER (WHERE NOT success) AS failed
                        FROM check_results""").query().singleRow();
        Instant first = ((java.sql.Timestamp) span.get("first")).toInstant();
        Instant last = ((java.sql.Timestamp) span.get("last")).toInstant();
        double seconds = Duration.between(first, last).toNanos() / 1e9;
        long heapPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        List<Long> alertMillis = alertLatencies(jdbc, 20);

        report("checks", MESSAGES);
        report("checks per message", BATCH);
        report("messages in flight", System.getProperty("benchmark.messagesInFlight", "10"));
        report("failed checks", span.get("failed"));
        report("concurrency", System.getProperty("benchmark.concurrency", "50"));
        report("virtual threads", System.getProperty("benchmark.virtualThreads", "true"));
        report("target delay ms", TARGET_DELAY_MS);
        report("first..last check s", "%.2f".formatted(seconds));
        report("checks/s (first..last check)", "%.0f".formatted((MESSAGES - 1) / seconds));
        report(
                "checks/s (listener start..all committed)",
                "%.0f".formatted(MESSAGES / ((doneNanos - startNanos) / 1e9)));
        report("median check latency ms", span.get("p50"));
        report("wall s (listener start..all committed)", "%.2f".formatted((doneNanos - startNanos) / 1e9));
        report("JVM CPU s (worker+ElasticMQ+stub, not PostgreSQL)", "%.2f".formatted(cpuNanos / 1e9));
        report("JVM CPU ms per check", "%.2f".formatted(cpuNanos / 1e6 / MESSAGES));
        report("heap used now MB", heapUsed / (1024 * 1024));
        report("heap pools peak sum MB", heapPeak / (1024 * 1024));
        report("max heap MB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        report("alert commit->POST ms (n=20) sorted", alertMillis);
        report("alert commit->POST median ms", alertMillis.get(alertMillis.size() / 2));
        assertThat(span.get("failed")).isEqualTo(0L);
    }

    /** One failing check per monitor that is one failure from DOWN; time from commit to POST arrival. */
    private List<Long> alertLatencies(JdbcClient jdbc, int samples) {
        HTTP.script("/bench-slack", Reply.ok());
        HTTP.script("/bench-down", Reply.status(503));
        CheckRequestCodec codec = new CheckRequestCodec();
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long id = jdbc.sql("""
                            INSERT INTO monitors (name, url, webhook_url, status, consecutive_successes,
                                                  consecutive_failures)
                            VALUES ('alert-bench', :url, :webhook, 'UP', 0, 1) RETURNING id""")
                    .param("url", HTTP.url("/bench-down"))
                    .param("webhook", HTTP.url("/bench-slack"))
                    .query(Long.class)
                    .single();
            int before = HTTP.requests("/bench-slack").size();
            TestQueues.server().client().sendMessage(b -> b.queueUrl(queueUrl)
                    .messageBody(codec.write(CheckRequest.of(
                            id, Instant.now().truncatedTo(ChronoUnit.SECONDS), 1, HTTP.url("/bench-down"), 5, 200))));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> HTTP.requests("/bench-slack").size() > before);
            Instant arrived = HTTP.requests("/bench-slack").getLast().at();
            Instant committed = commits.times.get(id);
            latencies.add(Duration.between(committed, arrived).toMillis());
        }
        latencies.sort(null);
        return latencies;
    }

    private static void report(String name, Object value) {
        System.out.printf("[BENCHMARK] %-52s %s%n", name, value);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static DataSource dataSource() {
        return DataSourceBuilder.create()
                .url(databaseUrl)
                .username(TestDatabase.USERNAME)
                .password(TestDatabase.PASSWORD)
                .build();
    }

    /** Records when each status change's transaction committed. */
    @TestConfiguration
    static class CommitTimesConfiguration {
        @Bean
        CommitTimes commitTimes() {
            return new CommitTimes();
        }
    }

    static class CommitTimes {
        final Map<Long, Instant> times = new ConcurrentHashMap<>();

        @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
        void committed(StatusChangeRecorded change) {
            times.put(change.monitorId(), Instant.now());
        }
    }

    /** Database with MESSAGES monitors and a queue holding one check for each, before the worker starts. */
    static class PreloadedQueue implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            databaseUrl = TestDatabase.newMigratedDatabase();
            HTTP.script("/fast", Reply.ok().after(Duration.ofMillis(TARGET_DELAY_MS)));
            String target = HTTP.url("/fast");
            JdbcClient.create(dataSource())
                    .sql("""
                            INSERT INTO monitors (name, url, webhook_url)
                            SELECT 'bench-' || n, :url, NULL FROM generate_series(1, :count) n""")
                    .param("url", target)
                    .param("count", MESSAGES)
                    .update();
            String queueUrl = TestQueues.newQueue("bench");
            CheckRequestCodec codec = new CheckRequestCodec();
            Instant slot = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            List<String> bodies = new ArrayList<>();
            for (int start = 1; start <= MESSAGES; start += BATCH) {
                List<CheckRequest> checks = IntStream.range(start, Math.min(start + BATCH, MESSAGES + 1))
                        .mapToObj(id -> CheckRequest.of(id, slot, 1, target, 5, 200))
                        .toList();
                bodies.add(BATCH == 1 ? codec.write(checks.getFirst()) : codec.writeBatch(checks));
            }
            for (int start = 0; start < bodies.size(); start += 10) {
                List<SendMessageBatchRequestEntry> entries = IntStream.range(start, Math.min(start + 10, bodies.size()))
                        .mapToObj(i -> SendMessageBatchRequestEntry.builder()
                                .id("m" + i)
                                .messageBody(bodies.get(i))
                                .build())
                        .toList();
                TestQueues.server().client().sendMessageBatch(b -> b.queueUrl(queueUrl)
                        .entries(entries));
            }
            TestDatabaseInitializer.useDatabase(context, databaseUrl);
            TestQueueInitializer.useQueue(context, queueUrl);
        }
    }
}
