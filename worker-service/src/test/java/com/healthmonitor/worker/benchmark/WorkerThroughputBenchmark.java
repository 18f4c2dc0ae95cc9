package com.healthmonitor.worker.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.check.CheckSettingsJson;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestDatabase;
import com.healthmonitor.testing.TestDatabaseInitializer;
import com.healthmonitor.testing.TestQueueInitializer;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.alert.AlertsQueued;
import com.healthmonitor.worker.probe.Probes;
import io.awspring.cloud.sqs.listener.MessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.springframework.boot.test.util.TestPropertyValues;
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
 * heap, and the latency from the commit of a threshold-crossing result to the webhook POST arriving; then, in the
 * same run, the rate of tcp checks of a local listener, and HTTP checks whose results go through a probe and the
 * results queue to the recorder, beside as many written directly.
 *
 * <p>Not part of the build; run it with
 * {@code ./mvnw -B -pl worker-service -am verify -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest=WorkerThroughputBenchmark -Dgroups=benchmark -Dtest.excludedGroups=} (options: -Dbenchmark.messages=3000 (checks),
 * -Dbenchmark.batch=50 (checks per message), -Dbenchmark.messagesInFlight=10, -Dbenchmark.concurrency=50, -Dbenchmark.virtualThreads=true, -Dbenchmark.targetDelayMs=0, -Dbenchmark.tcpChecks=3000 (0: none), -Dbenchmark.probeChecks=3000 (0: none)).
 */
@Tag("benchmark")
@SpringBootTest(
        properties = {
            "health-monitor.allow-private-targets=true",
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

    /** Checks of tcp monitors measured after the HTTP ones, in the same run; 0 skips them. */
    static final int TCP_CHECKS = Integer.getInteger("benchmark.tcpChecks", MESSAGES);

    /** Checks measured direct and through a probe and the recorder (issue 24), after the others; 0 skips them. */
    static final int PROBE_CHECKS = Integer.getInteger("benchmark.probeChecks", MESSAGES);

    /** The recorder's container (ResultsListener's id). */
    static final String RECORDER_ID = "results-recorder";

    static final int TARGET_DELAY_MS = Integer.getInteger("benchmark.targetDelayMs", 0);
    static final StubServer HTTP = new StubServer();
    static volatile String databaseUrl;
    static volatile String resultsQueueUrl;

    @Autowired
    private MeterRegistry meters;

    private ConfigurableApplicationContext probe;

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
    void measure() throws IOException {
        JdbcClient jdbc = JdbcClient.create(dataSource());
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        Phase http = phase(jdbc, "m.type = 'http' AND m.name LIKE 'bench-%'", MESSAGES, () -> checkListener()
                .start());
        long heapPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        List<Long> alertMillis = alertLatencies(jdbc, 20);

        report("checks", MESSAGES);
        report("checks per message", BATCH);
        report("messages in flight", System.getProperty("benchmark.messagesInFlight", "10"));
        report("failed checks", http.failed());
        report("concurrency", System.getProperty("benchmark.concurrency", "50"));
        report("virtual threads", System.getProperty("benchmark.virtualThreads", "true"));
        report("target delay ms", TARGET_DELAY_MS);
        report("first..last check s", "%.2f".formatted(http.seconds()));
        report("checks/s (first..last check)", "%.0f".formatted((MESSAGES - 1) / http.seconds()));
        report("checks/s (listener start..all committed)", "%.0f".formatted(MESSAGES / (http.wallNanos() / 1e9)));
        report("median check latency ms", http.medianLatency());
        report("wall s (listener start..all committed)", "%.2f".formatted(http.wallNanos() / 1e9));
        report("JVM CPU s (worker+ElasticMQ+stub, not PostgreSQL)", "%.2f".formatted(http.cpuNanos() / 1e9));
        report("JVM CPU ms per check", "%.2f".formatted(http.cpuNanos() / 1e6 / MESSAGES));
        report("heap used now MB", heapUsed / (1024 * 1024));
        report("heap pools peak sum MB", heapPeak / (1024 * 1024));
        report("max heap MB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        report("alert commit->POST ms (n=20) sorted", alertMillis);
        report("alert commit->POST median ms", alertMillis.get(alertMillis.size() / 2));
        assertThat(http.failed()).isEqualTo(0L);

        if (TCP_CHECKS > 0) {
            measureTcp(jdbc);
        }
        if (PROBE_CHECKS > 0) {
            measureThroughProbe(jdbc);
        }
    }

    /**
     * Issue 24: the same HTTP checks with results through the results queue, in the same run. First, for a fair
     * comparison, {@code PROBE_CHECKS} direct checks sent to the idle, warm worker (as the tcp phase sends); then as
     * many checked by a probe (a second context in this JVM, probe mode, no database) whose results this worker's
     * recorder applies. SQS calls per check count both sides' clients (the benchmark's own sends, which the scheduler
     * makes in production, are not counted).
     */
    private void measureThroughProbe(JdbcClient jdbc) {
        String target = HTTP.url("/fast");
        Instant slot = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> direct = bodies(insertHttpMonitors(jdbc, "direct-bench-", target).stream()
                .map(id -> CheckRequest.of(id, slot, 1, target, 5, 200))
                .toList());
        Phase writes = phase(jdbc, "m.name LIKE 'direct-bench-%'", PROBE_CHECKS, () -> send(queueUrl, direct));
        checkListener().stop(); // from here on only the probe and the recorder use SQS

        String probeQueue = TestQueues.newQueue("bench-probe-checks");
        probe = Probes.start(
                probeQueue,
                resultsQueueUrl,
                "bench-probe",
                "health-monitor.worker.concurrency=" + System.getProperty("benchmark.concurrency", "50"),
                "health-monitor.worker.messages-in-flight=" + System.getProperty("benchmark.messagesInFlight", "10"),
                "health-monitor.worker.virtual-threads=" + System.getProperty("benchmark.virtualThreads", "true"),
                "logging.level.com.healthmonitor=WARN");
        List<String> probed = bodies(insertHttpMonitors(jdbc, "probe-bench-", target).stream()
                .map(id -> CheckRequest.of(id, slot, 1, target, 5, 200))
                .toList());
        recorder().start();
        Phase throughProbe = phase(jdbc, "m.name LIKE 'probe-bench-%'", PROBE_CHECKS, () -> send(probeQueue, probed));
        probe.close();

        report("probe phase checks (each way)", PROBE_CHECKS);
        for (var named : Map.of("direct writes", writes, "through probe + recorder", throughProbe).entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .toList()) {
            Phase phase = named.getValue();
            String name = named.getKey();
            report(name + ": failed checks", phase.failed());
            report(name + ": checks/s (first..last check)", "%.0f".formatted((PROBE_CHECKS - 1) / phase.seconds()));
            report(
                    name + ": checks/s (send..all committed)",
                    "%.0f".formatted(PROBE_CHECKS / (phase.wallNanos() / 1e9)));
            report(name + ": JVM CPU ms per check", "%.2f".formatted(phase.cpuNanos() / 1e6 / PROBE_CHECKS));
            report(name + ": SQS calls per check", perCheck(phase.sqsCalls(), PROBE_CHECKS));
            report(name + ": SQS billed requests per check", perCheck(phase.sqsBilled(), PROBE_CHECKS));
            assertThat(phase.failed()).isEqualTo(0L);
        }
    }

    private static List<Long> insertHttpMonitors(JdbcClient jdbc, String prefix, String url) {
        return jdbc.sql("""
                        INSERT INTO monitors (name, url, webhook_url)
                        SELECT :prefix || n, :url, NULL FROM generate_series(1, :count) n RETURNING id""")
                .param("prefix", prefix)
                .param("url", url)
                .param("count", PROBE_CHECKS)
                .query(Long.class)
                .list();
    }

    /** The worker's own check listener: every container but the recorder's. */
    private MessageListenerContainer<?> checkListener() {
        return containers.getListenerContainers().stream()
                .filter(container -> !RECORDER_ID.equals(container.getId()))
                .findFirst()
                .orElseThrow();
    }

    private MessageListenerContainer<?> recorder() {
        return containers.getContainerById(RECORDER_ID);
    }

    /**
     * The same worker, now idle, gets {@code TCP_CHECKS} tcp checks of a loopback listener that accepts and closes
     * (sent in one go, batched as the HTTP ones); a check is a connect, nothing is read or written.
     */
    private void measureTcp(JdbcClient jdbc) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try (Socket connection = listener.accept()) {
                        // connected: all a tcp check asks
                    } catch (IOException e) {
                        // closed: the loop ends
                    }
                }
            });
            CheckTarget.Tcp target = new CheckTarget.Tcp("127.0.0.1", listener.getLocalPort(), false, 0);
            List<Long> ids = jdbc.sql("""
                            INSERT INTO monitors (name, type, target)
                            SELECT 'bench-tcp-' || n, 'tcp', CAST(:target AS jsonb)
                            FROM generate_series(1, :count) n RETURNING id""")
                    .param("target", CheckSettingsJson.writeTarget(target))
                    .param("count", TCP_CHECKS)
                    .query(Long.class)
                    .list();
            Instant slot = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            List<String> bodies = bodies(ids.stream()
                    .map(id -> CheckRequest.of(id, slot, 1, 5, target))
                    .toList());
            Phase tcp = phase(jdbc, "m.type = 'tcp'", TCP_CHECKS, () -> send(queueUrl, bodies));

            report("tcp checks", TCP_CHECKS);
            report("tcp failed checks", tcp.failed());
            report("tcp first..last check s", "%.2f".formatted(tcp.seconds()));
            report("tcp checks/s (first..last check)", "%.0f".formatted((TCP_CHECKS - 1) / tcp.seconds()));
            report("tcp checks/s (send..all committed)", "%.0f".formatted(TCP_CHECKS / (tcp.wallNanos() / 1e9)));
            report("tcp median connect ms", tcp.medianLatency());
            report("tcp JVM CPU ms per check", "%.2f".formatted(tcp.cpuNanos() / 1e6 / TCP_CHECKS));
            assertThat(tcp.failed()).isEqualTo(0L);
        }
    }

    private record Phase(
            long wallNanos,
            long cpuNanos,
            double seconds,
            Object medianLatency,
            Object failed,
            Map<String, Double> sqsCalls,
            Map<String, Double> sqsBilled) {}

    /** Runs {@code start}, waits for {@code count} results of the monitors {@code monitors} selects; span and cost. */
    private Phase phase(JdbcClient jdbc, String monitors, int count, Runnable start) {
        Map<String, Double> sqsBefore = sqsCalls("health_monitor.sqs.requests");
        Map<String, Double> billedBefore = sqsCalls("health_monitor.sqs.billed_requests");
        long startNanos = System.nanoTime();
        long cpuAtStart = processCpuNanos();
        start.run();
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.sql("""
                                        SELECT count(*) FROM check_results r JOIN monitors m ON m.id = r.monitor_id
                                        WHERE\s""" + monitors).query(Long.class).single() >= count);
        long doneNanos = System.nanoTime();
        long cpuNanos = processCpuNanos() - cpuAtStart;
        Map<String, Object> span = jdbc.sql("""
                        SELECT min(checked_at) AS first, max(checked_at) AS last,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
                               count(*) FILTER (WHERE NOT success) AS failed
                        FROM check_results r JOIN monitors m ON m.id = r.monitor_id WHERE\s""" + monitors).query().singleRow();
        Instant first = ((java.sql.Timestamp) span.get("first")).toInstant();
        Instant last = ((java.sql.Timestamp) span.get("last")).toInstant();
        return new Phase(
                doneNanos - startNanos,
                cpuNanos,
                Duration.between(first, last).toNanos() / 1e9,
                span.get("p50"),
                span.get("failed"),
                difference(sqsCalls("health_monitor.sqs.requests"), sqsBefore),
                difference(sqsCalls("health_monitor.sqs.billed_requests"), billedBefore));
    }

    /** SQS calls so far by operation, of the worker and (once started) the probe. */
    private Map<String, Double> sqsCalls(String meter) {
        Map<String, Double> calls = new TreeMap<>();
        List<MeterRegistry> registries = new ArrayList<>(List.of(meters));
        if (probe != null) {
            registries.add(probe.getBean(MeterRegistry.class));
        }
        for (MeterRegistry registry : registries) {
            registry.find(meter)
                    .counters()
                    .forEach(counter -> calls.merge(counter.getId().getTag("operation"), counter.count(), Double::sum));
        }
        return calls;
    }

    private static Map<String, Double> difference(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> calls = new TreeMap<>();
        after.forEach((operation, count) -> {
            double delta = count - before.getOrDefault(operation, 0.0);
            if (delta > 0) {
                calls.put(operation, delta);
            }
        });
        return calls;
    }

    /** Calls per check, then the calls by operation: {@code 0.0420 (DeleteMessageBatch 12, ReceiveMessage 114, ...)}. */
    private static String perCheck(Map<String, Double> calls, int checks) {
        StringBuilder line = new StringBuilder("%.4f ("
                .formatted(
                        calls.values().stream().mapToDouble(Double::doubleValue).sum() / checks));
        calls.forEach((operation, count) -> line.append("%s %.0f, ".formatted(operation, count)));
        return line.append("calls for ").append(checks).append(" checks)").toString();
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

    /** The checks as message bodies of {@code BATCH} checks each (or single checks with a batch of 1). */
    static List<String> bodies(List<CheckRequest> checks) {
        CheckRequestCodec codec = new CheckRequestCodec();
        List<String> bodies = new ArrayList<>();
        for (int start = 0; start < checks.size(); start += BATCH) {
            List<CheckRequest> batch = checks.subList(start, Math.min(start + BATCH, checks.size()));
            bodies.add(BATCH == 1 ? codec.write(batch.getFirst()) : codec.writeBatch(batch));
        }
        return bodies;
    }

    /** Sends the bodies ten to a SendMessageBatch. */
    static void send(String queueUrl, List<String> bodies) {
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
    }

    /** Records when each monitor's alert was queued (its transaction committed). */
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
        void committed(AlertsQueued queued) {
            if (queued.monitorId() != null) {
                times.put(queued.monitorId(), Instant.now());
            }
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
            Instant slot = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            send(
                    queueUrl,
                    bodies(IntStream.rangeClosed(1, MESSAGES)
                            .mapToObj(id -> CheckRequest.of(id, slot, 1, target, 5, 200))
                            .toList()));
            TestDatabaseInitializer.useDatabase(context, databaseUrl);
            TestQueueInitializer.useQueue(context, queueUrl);
            resultsQueueUrl = TestQueues.newQueue("bench-results");
            TestPropertyValues.of("health-monitor.worker.results-queue-url=" + resultsQueueUrl)
                    .applyTo(context);
        }
    }
}
