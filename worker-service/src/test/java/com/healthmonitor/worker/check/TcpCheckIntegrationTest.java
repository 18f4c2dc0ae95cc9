package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.http.TargetGuard;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** TCP monitors end to end: a real listener opened and closed, checks sent through SQS, results, rollups, alerts. */
@WorkerIntegrationTest
class TcpCheckIntegrationTest {

    private static final StubServer SLACK = new StubServer();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final CheckRequestCodec codec = new CheckRequestCodec();

    @Autowired
    private JdbcClient jdbc;

    @Value("${health-monitor.sqs.queue-url}")
    private String queueUrl;

    @AfterAll
    static void stop() {
        SLACK.close();
    }

    @Test
    void anOpenPortIsUpWithItsConnectTimeAsLatencyAndAClosedOneGoesDownNamingTheCause() throws IOException {
        SLACK.script("/tcp-alerts", Reply.ok());
        int port;
        long id;
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = listener.getLocalPort();
            CheckTarget.Tcp target = new CheckTarget.Tcp("127.0.0.1", port, false, 0);
            id = new Monitors(jdbc).insert("Orders DB", target, SLACK.url("/tcp-alerts"), "UNKNOWN", 0);

            send(CheckRequest.of(id, first, 1, 5, target));

            await().atMost(WAIT).until(() -> status(id).equals("UP"));
        }
        Map<String, Object> up = result(id, first);
        assertThat(up).containsEntry("success", true).containsEntry("responded", true);
        assertThat(up.get("status_code")).isNull();
        assertThat(latencyCount(id)).isEqualTo(1);

        // The listener is closed now: the port refuses.
        send(CheckRequest.of(id, first.plusSeconds(60), 1, 5, new CheckTarget.Tcp("127.0.0.1", port, false, 0)));

        await().atMost(WAIT).until(() -> status(id).equals("DOWN"));
        assertThat(result(id, first.plusSeconds(60)))
                .containsEntry("success", false)
                .containsEntry("responded", false)
                .containsEntry("error", "connection refused");
        // A refused connection has no latency: the statistics still count one.
        assertThat(latencyCount(id)).isEqualTo(1);
        await().atMost(WAIT).until(() -> SLACK.requests("/tcp-alerts").size() == 2);
        assertThat(SLACK.requests("/tcp-alerts").getLast().body())
                .contains("Target: tcp://127.0.0.1:" + port)
                .contains("Reason: connection refused");
    }

    @Test
    void theSsrfGuardRefusesAPrivateAddressBeforeConnecting() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                var resolver = Executors.newVirtualThreadPerTaskExecutor()) {
            TcpChecker guarded = checker(new TargetGuard(false, resolver));

            CheckResult result = guarded.check(new CheckTarget.Tcp("localhost", listener.getLocalPort(), false, 0), 5);

            assertThat(result.success()).isFalse();
            assertThat(result.error()).isEqualTo("blocked private address");
            assertThat(result.responded()).isFalse();
        }
    }

    @Test
    void aNameThatDoesNotResolveIsADnsFailure() throws Exception {
        try (var resolver = Executors.newVirtualThreadPerTaskExecutor()) {
            CheckResult result = checker(new TargetGuard(true, resolver))
                    .check(new CheckTarget.Tcp("no-such-host.invalid", 5432, false, 0), 5);

            assertThat(result.error()).isEqualTo("DNS failure");
        }
    }

    @Test
    void aConnectionThatIsNeverEstablishedIsATimeoutAfterTheMonitorsTimeout() throws Exception {
        // A listener that never accepts, with a backlog of 1: once its accept queue is full, Linux drops further
        // SYNs (tcp_abort_on_overflow=0), so a connect neither succeeds nor is refused.
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var resolver = Executors.newVirtualThreadPerTaskExecutor()) {
            InetSocketAddress address =
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            boolean full = false;
            for (int i = 0; i < 10 && !full; i++) {
                Socket socket = new Socket();
                queued.add(socket);
                try {
                    socket.connect(address, 300);
                } catch (SocketTimeoutException e) {
                    full = true;
                }
            }
            assertThat(full).as("the accept queue fills").isTrue();

            long start = System.nanoTime();
            CheckResult result = checker(new TargetGuard(true, resolver))
                    .check(new CheckTarget.Tcp("127.0.0.1", listener.getLocalPort(), false, 0), 1);

            assertThat(result.success()).isFalse();
            assertThat(result.responded()).isFalse();
            assertThat(result.error()).isEqualTo("timeout after 1s");
            assertThat(result.latencyMs()).isBetween(900, 3000);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    @Test
    void aTlsHandshakeThatNeverCompletesIsATimeout() throws Exception {
        // A plain listener that never speaks TLS: the handshake cannot complete within the timeout.
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                var resolver = Executors.newVirtualThreadPerTaskExecutor()) {
            CheckResult result = checker(new TargetGuard(true, resolver))
                    .check(new CheckTarget.Tcp("127.0.0.1", listener.getLocalPort(), true, 14), 1);

            assertThat(result.success()).isFalse();
            assertThat(result.error()).isEqualTo("timeout after 1s");
        }
    }

    @Test
    void withTlsAValidCertificateIsUpAndItsExpiryIsRecordedAndAWrongHostFails() throws Exception {
        TestCertificates certificates = new TestCertificates();
        Instant now = Instant.now();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificates
                .server("localhost.test", now.minus(1, ChronoUnit.DAYS), now.plus(3, ChronoUnit.DAYS))
                .serverContext()));
        server.start();
        try (var resolver = Executors.newVirtualThreadPerTaskExecutor()) {
            TargetGuard guard = new TargetGuard(true, resolver, name ->
                    new InetAddress[] {InetAddress.getByAddress(name, new byte[] {127, 0, 0, 1})});
            TcpChecker checker = new TcpChecker(guard, certificates.clientContext(), Clock.systemUTC());
            int port = server.getAddress().getPort();

            CheckResult valid = checker.check(new CheckTarget.Tcp("localhost.test", port, true, 14), 5);
            CheckResult wrongHost = checker.check(new CheckTarget.Tcp("other.test", port, true, 14), 5);

            assertThat(valid.success()).as(valid.error()).isTrue();
            assertThat(valid.tls()).isNotNull();
            assertThat(valid.tls().warning(now, 14))
                    .hasValueSatisfying(w -> assertThat(w).startsWith("certificate expires in"));
            assertThat(wrongHost.success()).isFalse();
            assertThat(wrongHost.error()).startsWith("TLS error: certificate does not match the host name");
        } finally {
            server.stop(0);
        }
    }

    private static TcpChecker checker(TargetGuard guard) throws NoSuchAlgorithmException {
        return new TcpChecker(guard, SSLContext.getDefault(), Clock.systemUTC());
    }

    private void send(CheckRequest request) {
        TestQueues.server().client().sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(codec.writeBatch(List.of(request))));
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM monitors WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private Map<String, Object> result(long id, Instant slot) {
        return jdbc.sql("SELECT * FROM check_results WHERE monitor_id = :id AND slot = :slot")
                .param("id", id)
                .param("slot", slot.atOffset(java.time.ZoneOffset.UTC))
                .query()
                .singleRow();
    }

    private int latencyCount(long id) {
        return jdbc.sql("SELECT coalesce(sum(latency_count), 0)::int FROM check_rollups_hourly WHERE monitor_id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
    }
}
