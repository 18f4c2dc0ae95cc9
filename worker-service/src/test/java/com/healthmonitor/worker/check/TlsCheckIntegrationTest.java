package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.worker.http.GuardedHttpClient;
import com.healthmonitor.worker.http.TargetGuard;
import com.healthmonitor.worker.result.CheckResult;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Real HTTPS servers with certificates from a test CA: valid, expiring soon, expired, and for another host. */
class TlsCheckIntegrationTest {

    private static final Instant NOW = Instant.now();
    private static final TestCertificates CERTIFICATES = new TestCertificates();
    private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();
    // "localhost.test" resolves to loopback here; the certificates name it.
    private static final TargetGuard GUARD = new TargetGuard(
            true, EXECUTOR, name -> new InetAddress[] {InetAddress.getByAddress(name, new byte[] {127, 0, 0, 1})});
    private static final GuardedHttpClient CLIENT =
            GuardedHttpClient.create(GUARD, CERTIFICATES.clientContext(), Duration.ofSeconds(5));

    private static final HttpsServer VALID =
            server(CERTIFICATES.server("localhost.test", NOW.minus(1, ChronoUnit.DAYS), NOW.plus(90, ChronoUnit.DAYS)));
    private static final HttpsServer EXPIRING = server(CERTIFICATES.server(
            "localhost.test",
            NOW.minus(1, ChronoUnit.DAYS),
            NOW.plus(3, ChronoUnit.DAYS).plusSeconds(3600)));
    private static final HttpsServer EXPIRED = server(
            CERTIFICATES.server("localhost.test", NOW.minus(30, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS)));
    private static final HttpsServer WRONG_HOST =
            server(CERTIFICATES.server("other.test", NOW.minus(1, ChronoUnit.DAYS), NOW.plus(90, ChronoUnit.DAYS)));

    private final HttpChecker checker = new HttpChecker(CLIENT, 10, Clock.systemUTC());

    @AfterAll
    static void stop() {
        for (HttpsServer server : List.of(VALID, EXPIRING, EXPIRED, WRONG_HOST)) {
            server.stop(0);
        }
        CLIENT.close();
        EXECUTOR.shutdownNow();
    }

    private static HttpsServer server(TestCertificates.ServerIdentity identity) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(identity.serverContext()));
            server.createContext("/", exchange -> {
                byte[] body = "ok".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String url(HttpsServer server) {
        return "https://localhost.test:" + server.getAddress().getPort() + "/";
    }

    @Test
    void recordsTheChainsEarliestExpiryOfAValidCertificate() {
        CheckResult result = checker.check(url(VALID), 5, 200);

        assertThat(result.success()).isTrue();
        assertThat(result.tlsExpiresAt()).isBetween(NOW.plus(89, ChronoUnit.DAYS), NOW.plus(91, ChronoUnit.DAYS));
        assertThat(result.tls().certificate()).hasSize(64);
        assertThat(result.tls().warning(NOW, 14)).isEmpty();
    }

    @Test
    void aCertificateExpiringSoonPassesTheCheckButWarns() {
        CheckResult result = checker.check(url(EXPIRING), 5, 200);

        assertThat(result.success()).isTrue();
        assertThat(result.tls().warning(NOW, 14)).get().asString().startsWith("certificate expires in 3 days");
        assertThat(result.tls().warning(NOW, 3)).isEmpty();
        assertThat(result.tls().warning(NOW, 0)).as("0 turns the warning off").isEmpty();
    }

    @Test
    void anExpiredCertificateFailsTheCheck() {
        CheckResult result = checker.check(url(EXPIRED), 5, 200);

        assertThat(result.success()).isFalse();
        assertThat(result.statusCode()).isNull();
        assertThat(result.error()).isEqualTo("TLS error: certificate expired");
    }

    @Test
    void aCertificateForAnotherHostFailsTheCheck() {
        CheckResult result = checker.check(url(WRONG_HOST), 5, 200);

        assertThat(result.success()).isFalse();
        assertThat(result.error()).startsWith("TLS error: certificate does not match the host name");
    }

    @Test
    void anUntrustedCertificateFailsTheCheck() throws Exception {
        try (GuardedHttpClient defaultTrust =
                GuardedHttpClient.create(GUARD, javax.net.ssl.SSLContext.getDefault(), Duration.ofSeconds(5))) {
            CheckResult result = new HttpChecker(defaultTrust, 10, Clock.systemUTC()).check(url(VALID), 5, 200);

            assertThat(result.error()).startsWith("TLS error: certificate not trusted");
        }
    }
}
