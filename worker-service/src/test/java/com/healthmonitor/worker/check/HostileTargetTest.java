package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.check.CheckAssertion;
import com.healthmonitor.common.check.CheckSpec;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.http.GuardedHttpClient;
import com.healthmonitor.worker.http.TargetGuard;
import com.healthmonitor.worker.result.CheckResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What a target can send back, against real sockets: heads and bodies built to exhaust the worker. */
class HostileTargetTest {

    private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();
    private static final GuardedHttpClient CLIENT = HttpCheckerTest.client(new TargetGuard(true, EXECUTOR));
    private static final StubServer SERVER = new StubServer();

    private final HttpChecker checker = new HttpChecker(CLIENT, 10, Clock.systemUTC());

    @AfterAll
    static void stop() {
        SERVER.close();
        CLIENT.close();
        EXECUTOR.shutdownNow();
    }

    private static CheckSpec expecting(CheckAssertion... assertions) {
        return new CheckSpec("GET", Map.of(), null, null, List.of("200"), List.of(assertions), true, 14);
    }

    @Test
    void tooManyResponseHeadersFailTheCheck() throws Exception {
        try (RawTarget target = new RawTarget(out -> {
            for (int i = 0; i < 101; i++) {
                out.write(("X-Header-" + i + ": v\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        })) {
            CheckResult result = checker.check(target.url(), 5, 200);

            assertThat(result.success()).isFalse();
            assertThat(result.error()).isEqualTo("response headers too large: Maximum header count exceeded");
        }
    }

    @Test
    void aHeaderLineLongerThan8KiBFailsTheCheck() throws Exception {
        try (RawTarget target = new RawTarget(
                out -> out.write(("X-Long: " + "v".repeat(8 * 1024) + "\r\n").getBytes(StandardCharsets.US_ASCII)))) {
            CheckResult result = checker.check(target.url(), 5, 200);

            assertThat(result.error()).isEqualTo("response headers too large: Maximum line length limit exceeded");
        }
    }

    @Test
    void moreThan64KiBOfHeadersFailTheCheck() throws Exception {
        // 90 headers of 1 KiB: within the count and the line length, beyond the total.
        try (RawTarget target = new RawTarget(out -> {
            for (int i = 0; i < 90; i++) {
                out.write(("X-H" + i + ": " + "v".repeat(1024) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        })) {
            CheckResult result = checker.check(target.url(), 5, 200);

            assertThat(result.error())
                    .isEqualTo("response headers too large: Maximum header size exceeded (65536 characters)");
        }
    }

    @Test
    void endlessHeadersEndWithTheLimitNotTheTimeout() throws Exception {
        try (RawTarget target = new RawTarget(out -> {
            for (long i = 0; ; i++) {
                out.write(("X-More-" + i + ": v\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        })) {
            CheckResult result = checker.check(target.url(), 5, 200);

            assertThat(result.error()).startsWith("response headers too large: ");
            assertThat(result.latencyMs()).isLessThan(5_000);
        }
    }

    @Test
    void aHundredOrdinaryHeadersAreFineEvenAfterARefusedHead() throws Exception {
        // HttpClient's parser keeps the lines of a head it refused: they must not count against the next one.
        try (RawTarget refused = new RawTarget(out -> {
            for (int i = 0; i < 150; i++) {
                out.write(("X-Header-" + i + ": v\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        })) {
            assertThat(checker.check(refused.url(), 5, 200).error()).contains("Maximum header count exceeded");
        }
        try (RawTarget target = new RawTarget(out -> {
            for (int i = 0; i < 98; i++) {
                out.write(("X-Header-" + i + ": v\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        })) {
            assertThat(checker.check(target.url(), 5, 200).error()).isNull();
        }
    }

    @Test
    void assertionsOutlastingTheTimeoutFailTheCheckWithTheReason() {
        SERVER.script("/letters", new Reply(200, Map.of(), HostileBodies.letters(), Duration.ZERO));
        SERVER.script(
                "/chain",
                new Reply(
                        200,
                        Map.of("Content-Type", "application/json"),
                        HostileBodies.deepChainWithWideEnd(),
                        Duration.ZERO));

        CheckResult search = checker.check(
                SERVER.url("/letters"),
                1,
                expecting(java.util.Collections.nCopies(20, HostileBodies.almostThere())
                        .toArray(CheckAssertion[]::new)));
        CheckResult path = checker.check(SERVER.url("/chain"), 1, expecting(HostileBodies.nestedFilters()));

        for (CheckResult result : List.of(search, path)) {
            assertThat(result.success()).isFalse();
            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(result.error()).isEqualTo("assertions did not finish within the 1 s timeout");
        }
    }

    /** Writes a status line, then whatever {@code head} writes, then an empty line and "ok", to every connection. */
    private static final class RawTarget implements AutoCloseable {
        private final ServerSocket socket;

        RawTarget(Head head) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        Thread.ofVirtual().start(() -> answer(connection, head));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private static void answer(Socket connection, Head head) {
            try (connection) {
                InputStream in = connection.getInputStream();
                // The request's head ends with an empty line.
                int matched = 0;
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
                }
                OutputStream out = connection.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                head.write(out);
                out.write("Content-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // The client hung up: what a limit does.
            }
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @FunctionalInterface
    interface Head {
        void write(OutputStream out) throws IOException;
    }
}
