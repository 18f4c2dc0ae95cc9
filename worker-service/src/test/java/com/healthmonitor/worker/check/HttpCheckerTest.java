package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.check.CheckSpec;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.http.GuardedHttpClient;
import com.healthmonitor.worker.http.TargetGuard;
import com.healthmonitor.worker.result.CheckResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Against real sockets on 127.0.0.1: no mocked HTTP. */
class HttpCheckerTest {

    private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();
    private static final GuardedHttpClient CLIENT = client(new TargetGuard(true, EXECUTOR));
    private static final StubServer SERVER = new StubServer();

    private final HttpChecker checker = new HttpChecker(CLIENT, 5, Clock.systemUTC());

    static GuardedHttpClient client(TargetGuard guard) {
        try {
            return GuardedHttpClient.create(guard, SSLContext.getDefault(), Duration.ofSeconds(5));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        SERVER.close();
        CLIENT.close();
        EXECUTOR.shutdownNow();
    }

    @Test
    void succeedsWhenTheStatusIsTheExpectedOne() {
        SERVER.script("/ok", Reply.ok());

        CheckResult result = checker.check(SERVER.url("/ok"), 5, 200);

        assertThat(result.success()).isTrue();
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.error()).isNull();
        assertThat(result.latencyMs()).isBetween(0, 5000);
    }

    @Test
    void sendsAnIdentifyingUserAgentAndAsksForNoCaching() {
        SERVER.script("/headers", Reply.ok());

        checker.check(SERVER.url("/headers"), 5, 200);

        StubServer.Recorded request = SERVER.requests("/headers").getFirst();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.header("User-Agent")).isEqualTo("HealthMonitor/1.0");
        assertThat(request.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void failsAnAssertionItNeverEvaluatesWithoutCallingTheTarget() {
        SERVER.script("/regex", Reply.ok());
        CheckSpec spec = new CheckSpec(
                "GET", Map.of(), null, null, List.of("200"), List.of(HostileBodies.regexFilter("(a+)+$")), true, 5);

        CheckResult result = checker.check(SERVER.url("/regex"), 5, spec);

        assertThat(result.success()).isFalse();
        assertThat(result.statusCode()).isNull();
        assertThat(result.error())
                .isEqualTo("$[?(@.a =~ /(a+)+$/)] uses a regular-expression filter (=~), which is not evaluated:"
                        + " change the assertion");
        assertThat(SERVER.requests("/regex")).isEmpty();
    }

    @Test
    void failsOnAnUnexpectedStatus() {
        SERVER.script("/down", Reply.status(503));

        CheckResult result = checker.check(SERVER.url("/down"), 5, 200);

        assertThat(result.success()).isFalse();
        assertThat(result.statusCode()).isEqualTo(503);
        assertThat(result.error()).isEqualTo("expected status 200, got 503");
    }

    @Test
    void succeedsWhenTheExpectedStatusIsAnError() {
        SERVER.script("/gone", Reply.status(410));

        assertThat(checker.check(SERVER.url("/gone"), 5, 410).success()).isTrue();
    }

    @Test
    void followsRedirectsToTheFinalStatus() {
        SERVER.script("/r1", Reply.status(301).withHeader("Location", "/r2"));
        SERVER.script("/r2", Reply.status(302).withHeader("Location", SERVER.url("/final")));
        SERVER.script("/final", Reply.ok());

        CheckResult result = checker.check(SERVER.url("/r1"), 5, 200);

        assertThat(result.success()).isTrue();
        assertThat(SERVER.requests("/final")).hasSize(1);
    }

    @Test
    void treatsTheRedirectAsTheAnswerWhenItIsExpected() {
        SERVER.script("/moved", Reply.status(301).withHeader("Location", "/elsewhere"));

        assertThat(checker.check(SERVER.url("/moved"), 5, 301).success()).isTrue();
        assertThat(SERVER.requests("/elsewhere")).isEmpty();
    }

    @Test
    void givesUpAfterFiveRedirects() {
        SERVER.script("/loop", Reply.status(302).withHeader("Location", "/loop"));

        CheckResult result = checker.check(SERVER.url("/loop"), 5, 200);

        assertThat(result.error()).isEqualTo("too many redirects (more than 5)");
        assertThat(SERVER.requests("/loop")).hasSize(6);
    }

    @Test
    void boundsTheWholeExchangeByTheTimeout() {
        SERVER.script("/slow", Reply.ok().after(Duration.ofSeconds(3)));

        CheckResult result = checker.check(SERVER.url("/slow"), 1, 200);

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo("timeout after 1s");
        assertThat(result.latencyMs()).isBetween(1000, 2500);
    }

    @Test
    void boundsRedirectChainsByOneTimeout() {
        SERVER.script(
                "/slow-hop",
                Reply.status(302).withHeader("Location", "/slow-end").after(Duration.ofMillis(700)));
        SERVER.script("/slow-end", Reply.ok().after(Duration.ofMillis(700)));

        CheckResult result = checker.check(SERVER.url("/slow-hop"), 1, 200);

        assertThat(result.error()).isEqualTo("timeout after 1s");
    }

    @Test
    void reportsARefusedConnection() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CheckResult result = checker.check("http://127.0.0.1:" + closedPort + "/", 5, 200);

        assertThat(result.success()).isFalse();
        assertThat(result.statusCode()).isNull();
        assertThat(result.error()).isEqualTo("connection refused");
    }

    @Test
    void reportsATlsErrorWhenTheServerDoesNotSpeakTls() throws Exception {
        // A plain-HTTP peer that answers the TLS ClientHello with an HTTP response.
        try (ServerSocket plain = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (java.net.Socket socket = plain.accept()) {
                    socket.getInputStream().read(new byte[512]);
                    socket.getOutputStream()
                            .write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the client went away
                }
            });

            CheckResult result = checker.check("https://127.0.0.1:" + plain.getLocalPort() + "/", 5, 200);

            assertThat(result.error()).startsWith("TLS error: ");
        }
    }

    @Test
    void reportsADnsFailure() {
        CheckResult result = checker.check("http://no-such-host.invalid/", 5, 200);

        assertThat(result.error()).isIn("DNS failure", "timeout after 5s");
    }

    @Test
    void blocksPrivateTargetsAndRedirectsToThemByDefault() {
        try (GuardedHttpClient guardedClient = client(new TargetGuard(false, EXECUTOR))) {
            HttpChecker guarded = new HttpChecker(guardedClient, 5, Clock.systemUTC());

            assertThat(guarded.check(SERVER.url("/ok"), 5, 200).error()).isEqualTo("blocked private address");
            assertThat(guarded.check("http://[::1]:" + SERVER.port() + "/ok", 5, 200)
                            .error())
                    .isEqualTo("blocked private address");
        }
    }

    @Test
    void rejectsNonHttpUrls() {
        assertThat(checker.check("ftp://example.com/", 5, 200).error()).startsWith("invalid URL");
    }
}
