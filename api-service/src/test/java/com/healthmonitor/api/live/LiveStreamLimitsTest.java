package com.healthmonitor.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.TestDatabase;
import com.healthmonitor.testing.TestDatabaseInitializer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limits of {@code /events} over real HTTP: at most 10 streams per client (here: per API key) and a total per
 * instance (15 here), beyond them 429 with Retry-After; a closed stream gives its slot back; and a reader that
 * stops reading neither delays the others nor is kept for ever (here: dropped 1000 events behind). Keep-alives every
 * 200 ms, so that a stream whose client left is noticed quickly.
 */
// Own context, not @ApiIntegrationTest: needs API keys and small limits on event streams.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "API_KEYS=" + LiveStreamLimitsTest.KEY_A + "," + LiveStreamLimitsTest.KEY_B + ","
                    + LiveStreamLimitsTest.KEY_C,
            "EVENTS_STREAMS_TOTAL=15",
            "health-monitor.api.events.keep-alive=200ms",
            "health-monitor.api.events.queued-events=1000",
            "RATE_LIMIT_PER_MINUTE=0"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class LiveStreamLimitsTest {

    static final String KEY_A = "events-key-a-0123456789abcdef0123456789";
    static final String KEY_B = "events-key-b-0123456789abcdef0123456789";
    static final String KEY_C = "events-key-c-0123456789abcdef0123456789";

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<AutoCloseable> open = new ArrayList<>();

    @LocalServerPort
    private int port;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private LiveEvents events;

    @AfterEach
    void closeEveryStream() throws Exception {
        for (AutoCloseable stream : open) {
            stream.close();
        }
        open.clear();
        // Every slot is free again before the next test counts them.
        await().atMost(WAIT).until(() -> events.openStreams() == 0);
    }

    @Test
    void theEleventhStreamOfOneClientIs429WhileAnotherClientStillGetsItsStream() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(connect(KEY_A).statusCode()).isEqualTo(200);
        }

        HttpResponse<InputStream> refused = connect(KEY_A);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        JsonNode problem = json.readTree(refused.body().readAllBytes());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("detail").asString()).contains("10");
        assertThat(connect(KEY_B).statusCode()).isEqualTo(200);
    }

    @Test
    void beyondTheTotalEveryClientGets429UntilAStreamEnds() throws Exception {
        List<HttpResponse<InputStream>> streamsOfA = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            streamsOfA.add(connect(KEY_A));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(connect(KEY_B).statusCode()).isEqualTo(200);
        }

        HttpResponse<InputStream> refused = connect(KEY_C);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        // The client hangs up: the server notices at the next keep-alive and frees the slot.
        streamsOfA.getFirst().body().close();
        await().atMost(WAIT).until(() -> events.openStreams() == 14);
        assertThat(connect(KEY_C).statusCode()).isEqualTo(200);
    }

    @Test
    void closedStreamsGiveTheirSlotsBack() throws Exception {
        List<HttpResponse<InputStream>> streams = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            streams.add(connect(KEY_A));
        }
        assertThat(connect(KEY_A).statusCode()).isEqualTo(429);

        for (HttpResponse<InputStream> stream : streams) {
            stream.body().close();
        }

        await().atMost(WAIT).until(() -> events.openStreams() == 0);
        for (int i = 0; i < 10; i++) {
            assertThat(connect(KEY_A).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aReaderThatNeverReadsDelaysNobodyAndIsDroppedOnceFarBehind() throws Exception {
        // Connects and sends its request, then never reads: once its socket buffers are full, every write to it
        // blocks.
        Socket stalled = new Socket();
        open.add(stalled);
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new InetSocketAddress("localhost", port));
        stalled.getOutputStream()
                .write(("GET /events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nX-API-Key: " + KEY_C
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        await().atMost(WAIT).until(() -> events.subscribers() == 1);
        List<String> lines = read(connect(KEY_B));
        await().atMost(WAIT).until(() -> events.subscribers() == 2);

        SingleConnectionDataSource worker = workerConnection();
        try {
            JdbcClient jdbc = JdbcClient.create(worker);
            // Bursts of 500 events of 7 kB, each committed at once; the normal reader keeps up with every burst (it
            // is never more than 500 behind), the stalled one first fills its socket buffers, then its queue.
            for (int burst = 1; burst <= 20 && events.subscribers() == 2; burst++) {
                String last = publishBurst(jdbc, burst);
                await().atMost(WAIT).untilAsserted(() -> assertThat(lines).contains(last));
            }
            // The stalled stream fell too far behind: it gets no more events, and holds no more of them.
            assertThat(events.subscribers()).isEqualTo(1);

            String marker = "data:" + notify(jdbc, "marker-" + UUID.randomUUID());
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(lines).contains(marker));
        } finally {
            worker.destroy();
        }
    }

    /** 500 notifications in one transaction; returns the SSE data line of the last. */
    private static String publishBurst(JdbcClient jdbc, int burst) {
        jdbc.sql("""
                        SELECT pg_notify(:channel, :burst || '-' || i || '-' || repeat('x', 7000))
                        FROM generate_series(1, 499) i""")
                .param("channel", StatusChangeListener.CHANNEL)
                .param("burst", burst)
                .query()
                .listOfRows();
        return "data:" + notify(jdbc, "end-of-burst-" + burst);
    }

    private static String notify(JdbcClient jdbc, String payload) {
        jdbc.sql("SELECT pg_notify(:channel, :payload)")
                .param("channel", StatusChangeListener.CHANNEL)
                .param("payload", payload)
                .query()
                .singleRow();
        return payload;
    }

    private HttpResponse<InputStream> connect(String key) throws Exception {
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/events"))
                        .header("Accept", "text/event-stream")
                        .header("X-API-Key", key)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        open.add(response.body());
        return response;
    }

    /** Collects the stream's lines on a thread of its own, as they arrive. */
    private static List<String> read(HttpResponse<InputStream> stream) {
        assertThat(stream.statusCode()).isEqualTo(200);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.endsWith("xxxx")) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // Closed at the end of the test.
            }
        });
        return lines;
    }

    /** A connection of its own, committing on its own, as the worker's. */
    private SingleConnectionDataSource workerConnection() throws SQLException {
        try (var connection = dataSource.getConnection()) {
            return new SingleConnectionDataSource(
                    connection.getMetaData().getURL(), TestDatabase.USERNAME, TestDatabase.PASSWORD, true);
        }
    }
}
