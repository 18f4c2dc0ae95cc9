package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckRequestCodec;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.check.LoopbackDnsServer.Answer;
import com.healthmonitor.worker.http.TargetGuard;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TXTRecord;

/** DNS monitors against a DNS server on loopback whose answers the test changes. */
@WorkerIntegrationTest
class DnsCheckIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ExecutorService RESOLVER = Executors.newVirtualThreadPerTaskExecutor();
    private static final Name SHOP = name("shop.example.com.");

    private final CheckRequestCodec codec = new CheckRequestCodec();
    private final DnsChecker checker = new DnsChecker(new TargetGuard(true, RESOLVER), Clock.systemUTC());

    @Autowired
    private JdbcClient jdbc;

    @Value("${health-monitor.sqs.queue-url}")
    private String queueUrl;

    @AfterAll
    static void stop() {
        RESOLVER.shutdownNow();
    }

    @Test
    void aMonitorIsUpWhileTheAnswerHoldsTheExpectedValueAndDownNamingTheAnswerWhenItChanges() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer()) {
            dns.answer(Answer.of(a("203.0.113.7")));
            CheckTarget.Dns target =
                    new CheckTarget.Dns("shop.example.com", "A", dns.address(), List.of("203.0.113.7"));
            long id = new Monitors(jdbc).insert("Shop DNS", target, null, "UNKNOWN", 0);
            Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS);

            send(CheckRequest.of(id, first, 1, 5, target));
            await().atMost(WAIT).until(() -> status(id).equals("UP"));

            dns.answer(Answer.of(a("203.0.113.9")));
            send(CheckRequest.of(id, first.plusSeconds(60), 1, 5, target));
            await().atMost(WAIT).until(() -> status(id).equals("DOWN"));

            Map<String, Object> monitor = jdbc.sql("SELECT * FROM monitors WHERE id = :id")
                    .param("id", id)
                    .query()
                    .singleRow();
            assertThat(monitor.get("last_error")).isEqualTo("answer 203.0.113.9 lacks expected 203.0.113.7");
            // Both queries were answered: both have a latency.
            assertThat(jdbc.sql("SELECT sum(latency_count) FROM check_rollups_hourly WHERE monitor_id = :id")
                            .param("id", id)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(2);
        }
    }

    @Test
    void eachFailureNamesItsCause() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer()) {
            CheckTarget.Dns a = new CheckTarget.Dns("shop.example.com", "A", dns.address(), List.of());

            dns.answer(Answer.rcode(Rcode.NXDOMAIN));
            assertThat(checker.check(a, 2).error()).isEqualTo("NXDOMAIN");

            dns.answer(Answer.rcode(Rcode.SERVFAIL));
            assertThat(checker.check(a, 2).error()).isEqualTo("SERVFAIL");

            dns.answer(Answer.of(new CNAMERecord(SHOP, DClass.IN, 60, name("shops.example.net."))));
            assertThat(checker.check(a, 2).error()).isEqualTo("no A records");

            dns.answer(Answer.silence());
            CheckResult silent = checker.check(a, 2);
            assertThat(silent.error()).isEqualTo("timeout after 2s");
            assertThat(silent.responded()).isFalse();
        }
    }

    @Test
    void recordsOfEachTypeAreComparedAsUsersWriteThem() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer()) {
            dns.answer(Answer.of(new MXRecord(SHOP, DClass.IN, 60, 10, name("Mail.Example.com."))));
            CheckResult mx = checker.check(
                    new CheckTarget.Dns("shop.example.com", "MX", dns.address(), List.of("10 mail.example.com")), 2);
            assertThat(mx.success()).as(mx.error()).isTrue();
            assertThat(mx.responded()).isTrue();

            dns.answer(Answer.of(new TXTRecord(SHOP, DClass.IN, 60, "v=spf1 -all")));
            CheckResult txt = checker.check(
                    new CheckTarget.Dns("shop.example.com", "TXT", dns.address(), List.of("v=spf1 -all")), 2);
            assertThat(txt.success()).as(txt.error()).isTrue();

            dns.answer(Answer.of(new AAAARecord(SHOP, DClass.IN, 60, InetAddress.getByName("2001:db8::7"))));
            CheckResult aaaa = checker.check(
                    new CheckTarget.Dns("shop.example.com", "AAAA", dns.address(), List.of("2001:db8:0:0:0:0:0:7")), 2);
            assertThat(aaaa.error()).isNull();
        }
    }

    @Test
    void aTruncatedUdpAnswerIsAskedAgainOverTcp() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer()) {
            dns.answer(Answer.truncated(a("203.0.113.7")));

            CheckResult result = checker.check(
                    new CheckTarget.Dns("shop.example.com", "A", dns.address(), List.of("203.0.113.7")), 2);

            assertThat(result.success()).as(result.error()).isTrue();
            assertThat(dns.tcpQueries()).isEqualTo(1);
        }
    }

    @Test
    void aLoopbackResolverIsRefusedUnlessPrivateTargetsAreAllowed() throws Exception {
        try (LoopbackDnsServer dns = new LoopbackDnsServer()) {
            dns.answer(Answer.of(a("203.0.113.7")));
            DnsChecker guarded = new DnsChecker(new TargetGuard(false, RESOLVER), Clock.systemUTC());

            CheckResult result =
                    guarded.check(new CheckTarget.Dns("shop.example.com", "A", dns.address(), List.of()), 2);

            assertThat(result.error()).isEqualTo("blocked private address");
        }
    }

    private static ARecord a(String address) throws Exception {
        return new ARecord(SHOP, DClass.IN, 60, InetAddress.getByName(address));
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name);
        } catch (org.xbill.DNS.TextParseException e) {
            throw new IllegalArgumentException(e);
        }
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
}
