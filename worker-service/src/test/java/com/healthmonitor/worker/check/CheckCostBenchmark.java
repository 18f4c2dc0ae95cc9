package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.check.CheckAssertion;
import com.healthmonitor.common.check.CheckSpec;
import com.healthmonitor.worker.http.GuardedHttpClient;
import com.healthmonitor.worker.http.TargetGuard;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.StringNode;

/**
 * Client CPU per check: the old JDK HttpClient GET against the new Apache HttpClient 5 checker, plain and with two
 * assertions on an https target. The target runs in its own process ({@link BenchmarkTarget}) so only the client's
 * CPU is counted (process CPU time of this JVM, JIT and GC included). Run with
 * {@code ./mvnw -B -pl worker-service -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=CheckCostBenchmark
 * -Dgroups=benchmark -Dtest.excludedGroups=} (options: -Dbenchmark.checks=10000, -Dbenchmark.concurrency=50).
 */
@Tag("benchmark")
class CheckCostBenchmark {

    private static final int CHECKS = Integer.getInteger("benchmark.checks", 10_000);
    private static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 50);
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Test
    void measuresTheClientCpuPerCheck() throws Exception {
        TestCertificates certificates = new TestCertificates();
        TestCertificates.ServerIdentity identity = certificates.server(
                "localhost.test",
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(90)));
        Path keystore = Files.createTempFile("benchmark-target", ".p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", identity.keys().getPrivate(), "pw".toCharArray(), new X509Certificate[] {
            identity.certificate(), identity.ca()
        });
        try (FileOutputStream out = new FileOutputStream(keystore.toFile())) {
            store.store(out, "pw".toCharArray());
        }
        Process target = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        BenchmarkTarget.class.getName(),
                        keystore.toString(),
                        "pw")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        TargetGuard guard = new TargetGuard(
                true, executor, name -> new InetAddress[] {InetAddress.getByAddress(name, new byte[] {127, 0, 0, 1})});
        SSLContext trust = certificates.clientContext();
        try (BufferedReader ports = new BufferedReader(new InputStreamReader(target.getInputStream()));
                GuardedHttpClient apache = GuardedHttpClient.create(guard, trust, Duration.ofSeconds(5));
                HttpClient jdk = HttpClient.newBuilder()
                        .executor(executor)
                        .sslContext(trust)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()) {
            String[] port = ports.readLine().split(" ");
            String http = "http://127.0.0.1:" + port[0];
            String https = "https://127.0.0.1:" + port[1];
            HttpChecker checker = new HttpChecker(apache, 10, java.time.Clock.systemUTC());
            CheckSpec twoAssertions = new CheckSpec(
                    "GET",
                    Map.of(),
                    null,
                    null,
                    List.of("200-299"),
                    List.of(
                            new CheckAssertion.BodyContains("\"db\""),
                            new CheckAssertion.JsonPath("$.status", StringNode.valueOf("UP"), null, null, null)),
                    true,
                    14);
            // The JDK client as the old HttpChecker used it: guard, then sendAsync with a discarding body handler.
            Check old = url -> {
                URI uri = URI.create(url);
                guard.verify(uri, Duration.ofSeconds(5));
                HttpResponse<Void> response = jdk.sendAsync(
                                HttpRequest.newBuilder(uri)
                                        .GET()
                                        .timeout(Duration.ofSeconds(5))
                                        .header("User-Agent", "HealthMonitor/1.0")
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .get(5, TimeUnit.SECONDS);
                return response.statusCode() == 200;
            };
            Check plain = url -> checker.check(url, 5, 200).success();
            Check asserted = url -> checker.check(url, 5, twoAssertions).success();

            StringBuilder report = new StringBuilder();
            report.append(run("JDK HttpClient (old), http GET, keep-alive", old, http + "/keep", executor));
            report.append(run("Apache HC5 (new), http GET, keep-alive", plain, http + "/keep", executor));
            report.append(run("Apache HC5, https GET + 2 assertions, keep-alive", asserted, https + "/keep", executor));
            report.append(run("JDK HttpClient (old), https GET, new connection", old, https + "/close", executor));
            report.append(run("Apache HC5, https GET, new connection", plain, https + "/close", executor));
            report.append(
                    run("Apache HC5, https GET + 2 assertions, new connection", asserted, https + "/close", executor));
            System.out.print(report);
        } finally {
            target.getOutputStream().close();
            target.waitFor(5, TimeUnit.SECONDS);
            target.destroy();
            executor.shutdownNow();
            Files.deleteIfExists(keystore);
        }
    }

    /** The assertions alone, no network: what json-path (on the bounded provider) adds to a check. */
    @Test
    void measuresTheAssertionsAlone() {
        String body = "{\"status\":\"UP\",\"db\":{\"status\":\"UP\"},\"version\":\"1.4.2\"}";
        ResponseAssertions assertions = new ResponseAssertions(new CheckSpec(
                "GET",
                Map.of(),
                null,
                null,
                List.of("200-299"),
                List.of(
                        new CheckAssertion.BodyContains("\"db\""),
                        new CheckAssertion.JsonPath("$.status", StringNode.valueOf("UP"), null, null, null)),
                true,
                14));
        for (int i = 0; i < 200_000; i++) {
            assertThat(assertions.failure(200, body, 5, later())).isEmpty();
        }
        long cpu = OS.getProcessCpuTime();
        int rounds = 500_000;
        for (int i = 0; i < rounds; i++) {
            assertions.failure(200, body, 5, later());
        }
        System.out.printf(
                "BENCHMARK %-55s cpu/check=%6.1f µs%n",
                "status set + body_contains + json_path, evaluation only",
                (OS.getProcessCpuTime() - cpu) / 1000.0 / rounds);
    }

    private static long later() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    }

    @FunctionalInterface
    interface Check {
        boolean run(String url) throws Exception;
    }

    private static String run(String name, Check check, String url, ExecutorService executor) throws Exception {
        load(check, url, Math.max(1000, CHECKS / 5), executor); // warm-up: JIT, pools, TLS session caches
        System.gc();
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        int failed = load(check, url, CHECKS, executor);
        long wall = System.nanoTime() - start;
        long used = OS.getProcessCpuTime() - cpu;
        assertThat(failed).as(name + " failures").isZero();
        return "BENCHMARK %-55s cpu/check=%6.1f µs  checks/s=%6.0f  (%d checks, concurrency %d)%n"
                .formatted(name, used / 1000.0 / CHECKS, CHECKS / (wall / 1e9), CHECKS, CONCURRENCY);
    }

    private static int load(Check check, String url, int count, ExecutorService executor) throws Exception {
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            executor.submit(() -> {
                try {
                    if (!check.run(url)) {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    inFlight.release();
                }
            });
        }
        inFlight.acquire(CONCURRENCY);
        return failed.get();
    }
}
