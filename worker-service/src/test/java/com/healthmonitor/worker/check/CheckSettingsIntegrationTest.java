package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.check.CheckAssertion;
import com.healthmonitor.common.check.CheckSpec;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.http.GuardedHttpClient;
import com.healthmonitor.worker.http.TargetGuard;
import com.healthmonitor.worker.result.CheckResult;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.StringNode;

/** Every check setting against a real local HTTP server. */
class CheckSettingsIntegrationTest {

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

    private static CheckSpec spec(List<String> codes, List<CheckAssertion> assertions) {
        return new CheckSpec("GET", Map.of(), null, null, codes, assertions, true, 14);
    }

    @Test
    void sendsTheMethodHeadersAndBody() {
        SERVER.script("/post", Reply.status(201));
        CheckSpec post = new CheckSpec(
                "POST",
                Map.of("Authorization", "Bearer t0k3n", "X-Probe", "1"),
                "{\"ping\":true}",
                "application/json",
                List.of("201"),
                List.of(),
                true,
                14);

        CheckResult result = checker.check(SERVER.url("/post"), 5, post);

        assertThat(result.success()).isTrue();
        StubServer.Recorded request = SERVER.requests("/post").getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Authorization")).isEqualTo("Bearer t0k3n");
        assertThat(request.header("X-Probe")).isEqualTo("1");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.body()).isEqualTo("{\"ping\":true}");
    }

    @Test
    void sendsHeadWithoutBody() {
        SERVER.script("/head", Reply.ok());
        CheckSpec head = new CheckSpec("HEAD", Map.of(), null, null, List.of("200"), List.of(), true, 14);

        assertThat(checker.check(SERVER.url("/head"), 5, head).success()).isTrue();
        assertThat(SERVER.requests("/head").getFirst().method()).isEqualTo("HEAD");
    }

    @Test
    void acceptsAnyStatusOfTheSetAndNamesTheSetWhenNoneMatches() {
        SERVER.script("/created", Reply.status(204));
        SERVER.script("/unavailable", Reply.status(503));
        CheckSpec twoHundreds = spec(List.of("200-299", "301"), List.of());

        assertThat(checker.check(SERVER.url("/created"), 5, twoHundreds).success())
                .isTrue();
        CheckResult down = checker.check(SERVER.url("/unavailable"), 5, twoHundreds);
        assertThat(down.success()).isFalse();
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.error()).isEqualTo("expected status 200-299, 301, got 503");
    }

    @Test
    void failsAnErrorPageThatAnswers200() {
        SERVER.script("/page", new Reply(200, Map.of(), "<h1>Service error</h1>", Duration.ZERO));

        CheckResult contains = checker.check(
                SERVER.url("/page"), 5, spec(List.of("200"), List.of(new CheckAssertion.BodyContains("ok"))));
        CheckResult absent = checker.check(
                SERVER.url("/page"), 5, spec(List.of("200"), List.of(new CheckAssertion.BodyNotContains("error"))));
        CheckResult caseSensitive = checker.check(
                SERVER.url("/page"), 5, spec(List.of("200"), List.of(new CheckAssertion.BodyContains("SERVICE"))));
        CheckResult holds = checker.check(
                SERVER.url("/page"), 5, spec(List.of("200"), List.of(new CheckAssertion.BodyContains("Service"))));

        assertThat(contains.error()).isEqualTo("body does not contain \"ok\"");
        assertThat(absent.error()).isEqualTo("body contains \"error\"");
        assertThat(caseSensitive.error()).isEqualTo("body does not contain \"SERVICE\"");
        assertThat(holds.success()).isTrue();
    }

    @Test
    void judgesHealthJsonWithJsonPath() {
        SERVER.script(
                "/health",
                new Reply(
                        200,
                        Map.of("Content-Type", "application/json"),
                        "{\"status\":\"DOWN\",\"db\":{\"latency\":12.5},\"checks\":3}",
                        Duration.ZERO));

        CheckResult equals = checker.check(
                SERVER.url("/health"),
                5,
                spec(
                        List.of("200"),
                        List.of(new CheckAssertion.JsonPath("$.status", StringNode.valueOf("UP"), null, null, null))));
        CheckResult exists = checker.check(
                SERVER.url("/health"),
                5,
                spec(List.of("200"), List.of(new CheckAssertion.JsonPath("$.cache", null, true, null, null))));
        CheckResult bounds = checker.check(
                SERVER.url("/health"),
                5,
                spec(
                        List.of("200"),
                        List.of(
                                new CheckAssertion.JsonPath("$.db.latency", null, null, new BigDecimal("10"), null),
                                new CheckAssertion.JsonPath("$.checks", null, null, null, BigDecimal.TWO))));

        assertThat(equals.error()).isEqualTo("$.status is \"DOWN\", expected \"UP\"");
        assertThat(exists.error()).isEqualTo("$.cache is missing");
        assertThat(bounds.error()).isEqualTo("$.db.latency is 12.5, expected a number less than 10");
    }

    @Test
    void failsASlowResponseNamingBothTimes() {
        SERVER.script("/slow", Reply.ok().after(Duration.ofMillis(300)));

        CheckResult result = checker.check(
                SERVER.url("/slow"), 5, spec(List.of("200"), List.of(new CheckAssertion.MaxLatency(100))));

        assertThat(result.success()).isFalse();
        assertThat(result.error()).matches("slow: \\d+ ms > 100 ms");
        assertThat(result.latencyMs()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void answersWithTheRedirectWhenRedirectsAreNotFollowed() {
        SERVER.script("/login", Reply.status(302).withHeader("Location", "/sso"));
        CheckSpec noFollow = new CheckSpec("GET", Map.of(), null, null, List.of("200"), List.of(), false, 14);

        CheckResult result = checker.check(SERVER.url("/login"), 5, noFollow);

        assertThat(result.error()).isEqualTo("expected status 200, got 302");
        assertThat(SERVER.requests("/sso")).isEmpty();
    }

    @Test
    void keepsTheMonitorsHeadersToItsOwnOrigin() {
        try (StubServer other = new StubServer()) {
            other.script("/landing", Reply.ok());
            SERVER.script("/away", Reply.status(302).withHeader("Location", other.url("/landing")));
            CheckSpec withToken = new CheckSpec(
                    "GET", Map.of("Authorization", "Bearer secret"), null, null, List.of("200"), List.of(), true, 14);

            assertThat(checker.check(SERVER.url("/away"), 5, withToken).success())
                    .isTrue();

            assertThat(SERVER.requests("/away").getFirst().header("Authorization"))
                    .isEqualTo("Bearer secret");
            assertThat(other.requests("/landing").getFirst().header("Authorization"))
                    .isNull();
        }
    }

    private static CheckSpec postWithSecrets(List<String> codes) {
        return new CheckSpec(
                "POST",
                Map.of("Authorization", "Bearer secret", "X-Api-Key", "k3y"),
                "{\"password\":\"hunter2\"}",
                "application/json",
                codes,
                List.of(),
                true,
                14);
    }

    @Test
    void doesNotCarryTheBodyToAnotherOriginOnA307Or308() {
        try (StubServer other = new StubServer()) {
            other.script("/collect", Reply.ok());
            SERVER.script("/temporary", Reply.status(307).withHeader("Location", other.url("/collect")));
            SERVER.script("/permanent", Reply.status(308).withHeader("Location", other.url("/collect")));

            CheckResult temporary = checker.check(SERVER.url("/temporary"), 5, postWithSecrets(List.of("200")));
            CheckResult permanent = checker.check(SERVER.url("/permanent"), 5, postWithSecrets(List.of("200")));

            for (CheckResult result : List.of(temporary, permanent)) {
                assertThat(result.success()).isFalse();
                assertThat(result.error())
                        .isEqualTo("redirect to another origin (http://127.0.0.1:" + other.port()
                                + ") with the request body is not followed");
            }
            assertThat(other.requests("/collect")).isEmpty();
        }
    }

    @Test
    void repeatsTheBodyOnA307WithinTheSameOrigin() {
        SERVER.script("/v1/login", Reply.status(307).withHeader("Location", "/v2/login"));
        SERVER.script("/v2/login", Reply.ok());

        assertThat(checker.check(SERVER.url("/v1/login"), 5, postWithSecrets(List.of("200")))
                        .success())
                .isTrue();

        StubServer.Recorded repeated = SERVER.requests("/v2/login").getFirst();
        assertThat(repeated.method()).isEqualTo("POST");
        assertThat(repeated.body()).isEqualTo("{\"password\":\"hunter2\"}");
        assertThat(repeated.header("Authorization")).isEqualTo("Bearer secret");
    }

    @Test
    void followsA303ToAnotherOriginAsAGetWithoutBodyOrSecretHeaders() {
        try (StubServer other = new StubServer()) {
            other.script("/done", Reply.ok());
            SERVER.script("/submit", Reply.status(303).withHeader("Location", other.url("/done")));

            assertThat(checker.check(SERVER.url("/submit"), 5, postWithSecrets(List.of("200")))
                            .success())
                    .isTrue();

            StubServer.Recorded followed = other.requests("/done").getFirst();
            assertThat(followed.method()).isEqualTo("GET");
            assertThat(followed.body()).isEmpty();
            assertThat(followed.header("Authorization")).isNull();
            assertThat(followed.header("X-Api-Key")).isNull();
        }
    }

    @Test
    void connectsToTheAddressTheGuardApprovedNotToASecondAnswer() {
        // A hostile DNS server: a public address first, loopback on any later lookup (DNS rebinding).
        AtomicInteger lookups = new AtomicInteger();
        TargetGuard.Lookup rebinding = name -> lookups.getAndIncrement() == 0
                ? new InetAddress[] {InetAddress.getByAddress(name, new byte[] {(byte) 203, 0, 113, 7})}
                : new InetAddress[] {InetAddress.getByAddress(name, new byte[] {127, 0, 0, 1})};
        SERVER.script("/internal", Reply.ok());
        try (GuardedHttpClient guarded = HttpCheckerTest.client(new TargetGuard(false, EXECUTOR, rebinding))) {
            CheckResult result = new HttpChecker(guarded, 10, Clock.systemUTC())
                    .check("http://rebind.test:" + SERVER.port() + "/internal", 1, 200);

            assertThat(result.success()).isFalse();
            assertThat(lookups).hasValue(1);
            assertThat(SERVER.requests("/internal")).isEmpty();
        }
    }

    @Test
    void behavesAsBeforeForAPlainMonitor() {
        SERVER.script("/plain", Reply.ok());

        CheckResult viaSpec = checker.check(SERVER.url("/plain"), 5, CheckSpec.plainGet(200));
        StubServer.Recorded request = SERVER.requests("/plain").getFirst();

        assertThat(viaSpec.success()).isTrue();
        assertThat(viaSpec.tls()).isNull();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.body()).isEmpty();
        assertThat(request.header("User-Agent")).isEqualTo("HealthMonitor/1.0");
    }
}
