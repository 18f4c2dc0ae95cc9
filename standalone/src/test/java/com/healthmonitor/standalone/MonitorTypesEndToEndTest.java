package com.healthmonitor.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tcp and a dns monitor checked by the running services (scheduler, worker, API as the standalone run starts
 * them) against a TCP listener and a DNS server on loopback, and read back through every place a monitor shows:
 * stats and series with latency percentiles, fleet stats, Prometheus metrics, a public status page and its badges.
 */
class MonitorTypesEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    static Path dataDirectory;

    private static HealthMonitorSystem system;
    private static ServerSocket listener;
    private static DatagramSocket dns;
    private static long tcp;
    private static long shopDns;

    @BeforeAll
    static void startSystemAndTargets() throws Exception {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(MonitorTypesEndToEndTest::acceptAndClose);
        dns = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(MonitorTypesEndToEndTest::answerQueries);
        system = HealthMonitorSystem.start(StandaloneSettings.embedded(
                dataDirectory,
                0,
                Map.of(
                        "ALLOW_PRIVATE_TARGETS", "true",
                        "RATE_LIMIT_PER_MINUTE", "0",
                        "MIN_CHECK_INTERVAL", "2",
                        "SCHEDULER_TICK", "200ms",
                        "health-monitor.metrics.refresh", "500ms")));
        tcp = create("""
                {"type": "tcp", "name": "Orders DB", "host": "127.0.0.1", "port": %d, "check_interval": 2,
                 "timeout": 1}""".formatted(listener.getLocalPort()));
        shopDns = create("""
                {"type": "dns", "name": "Shop DNS", "hostname": "shop.example.com", "record_type": "A",
                 "resolver": "127.0.0.1:%d", "expected_values": ["203.0.113.7"], "check_interval": 2,
                 "timeout": 1}""".formatted(dns.getLocalPort()));
        // Each has been checked a few times, all answered.
        await().atMost(WAIT).until(() -> checks(tcp) >= 3 && checks(shopDns) >= 3);
    }

    @AfterAll
    static void stop() throws IOException {
        if (system != null) {
            system.close();
        }
        listener.close();
        dns.close();
    }

    @Test
    void eachTypeIsUpWithItsTargetAndHasLatencyPercentilesInItsStatsAndSeries() throws Exception {
        for (long id : new long[] {tcp, shopDns}) {
            JsonNode monitor = getJson("/monitors/" + id);
            assertThat(monitor.get("status").asString()).as(monitor.toString()).isEqualTo("UP");
            assertThat(monitor.get("last_latency_ms").isNumber()).isTrue();

            JsonNode stats = getJson("/monitors/" + id + "/stats?window=1h");
            assertThat(stats.get("failures").asLong()).isZero();
            assertThat(stats.at("/latency_ms/p50").isNumber())
                    .as(stats.toString())
                    .isTrue();
            assertThat(stats.at("/latency_ms/p99").isNumber()).isTrue();

            JsonNode series = getJson("/monitors/" + id + "/series?window=1h&step=1m");
            JsonNode checked = series.valueStream()
                    .filter(bucket -> bucket.get("checks").asLong() > 0)
                    .reduce((first, second) -> second)
                    .orElseThrow();
            assertThat(checked.get("uptime_percent").decimalValue()).isEqualByComparingTo("100");
            assertThat(checked.at("/latency_ms/p95").isNumber())
                    .as(checked.toString())
                    .isTrue();
        }
        assertThat(getJson("/monitors/" + tcp).get("target").asString())
                .isEqualTo("tcp://127.0.0.1:" + listener.getLocalPort());
        assertThat(getJson("/monitors/" + shopDns).get("target").asString())
                .isEqualTo("dns://127.0.0.1:" + dns.getLocalPort() + "/shop.example.com?type=A");
    }

    @Test
    void fleetStatsAndPrometheusMetricsCountBothTypes() throws Exception {
        JsonNode fleet = getJson("/stats?window=1h");

        assertThat(fleet.get("monitors").asLong()).isEqualTo(2);
        assertThat(fleet.at("/by_status/UP").asLong()).isEqualTo(2);
        // The fleet rollups count the hour in progress: both monitors' checks so far (each is UP, so checked).
        assertThat(fleet.get("checks").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(fleet.get("uptime_percent").decimalValue()).isEqualByComparingTo("100");
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                        send("GET", "/actuator/prometheus", null).body())
                .contains("health_monitor_monitor_up{application=\"standalone\",monitor_id=\"" + tcp
                        + "\",name=\"Orders DB\"} 1.0")
                .contains("health_monitor_monitor_up{application=\"standalone\",monitor_id=\"" + shopDns
                        + "\",name=\"Shop DNS\"} 1.0")
                .contains("health_monitor_monitors{application=\"standalone\",status=\"UP\"} 2.0"));
    }

    @Test
    void aStatusPageAndItsBadgesShowBothTypes() throws Exception {
        HttpResponse<String> created = send("POST", "/status-pages", """
                {"slug": "typed", "title": "Typed", "monitor_ids": [%d, %d]}""".formatted(tcp, shopDns));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        JsonNode page = getJson("/status/typed/summary.json");
        JsonNode monitors = page.at("/groups/0/monitors");
        assertThat(monitors.valueStream().map(m -> m.get("name").asString())).containsExactly("Orders DB", "Shop DNS");
        assertThat(monitors.valueStream().map(m -> m.get("status").asString())).containsOnly("UP");
        assertThat(page.get("overall").asString()).isEqualTo("OPERATIONAL");
        for (long id : new long[] {tcp, shopDns}) {
            String base = "/status/typed/badges/" + id;
            HttpResponse<String> status = send("GET", base + "/status.svg", null);
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).contains("<svg").containsIgnoringCase("up");
            assertThat(send("GET", base + "/uptime.svg", null).body()).contains("100");
            assertThat(send("GET", base + "/response-time.svg", null).body()).containsPattern("\\d+ ?ms");
        }
    }

    private static void acceptAndClose() {
        while (!listener.isClosed()) {
            try (Socket connection = listener.accept()) {
                // Connected is all a tcp check asks.
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    /** Any query gets one A record, 203.0.113.7. */
    private static void answerQueries() {
        byte[] buffer = new byte[512];
        while (!dns.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                dns.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Message response = new Message(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                response.addRecord(query.getQuestion(), Section.QUESTION);
                response.addRecord(
                        new ARecord(
                                Name.fromString("shop.example.com."),
                                DClass.IN,
                                60,
                                InetAddress.getByName("203.0.113.7")),
                        Section.ANSWER);
                byte[] wire = response.toWire();
                dns.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a packet that is no query: the loop goes on or ends
            }
        }
    }

    private static long checks(long id) throws Exception {
        return getJson("/monitors/" + id + "/stats?window=1h").get("checks").asLong();
    }

    private static long create(String body) throws Exception {
        HttpResponse<String> response = send("POST", "/monitors", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asLong();
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + system.apiPort() + path));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body));
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
