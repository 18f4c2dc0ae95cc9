package com.healthmonitor.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.api.monitor.MonitorFixtures;
import com.healthmonitor.api.testing.ApiIntegrationTest;
import com.healthmonitor.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A status change committed by another process (here: another connection, as the worker's) reaches an open
 * {@code /events} stream through PostgreSQL's LISTEN/NOTIFY, within well under the dashboard's 5 s.
 */
@ApiIntegrationTest
class LiveEventsIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private LiveEvents events;

    @Autowired
    private MonitorFixtures fixtures;

    @Test
    void aStatusChangeWrittenElsewhereIsStreamedToOpenClients() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> stream = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/events"))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // The stream is closed at the end of the test.
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> events.subscribers() == 1);

        String jdbcUrl;
        try (var connection = dataSource.getConnection()) {
            jdbcUrl = connection.getMetaData().getURL();
        }
        long monitor = fixtures.create("live", "https://example.com/");
        // A connection of its own, committing on its own: what the worker does.
        SingleConnectionDataSource worker =
                new SingleConnectionDataSource(jdbcUrl, TestDatabase.USERNAME, TestDatabase.PASSWORD, true);
        try {
            JdbcClient jdbc = JdbcClient.create(worker);
            jdbc.sql("""
                            INSERT INTO status_changes (monitor_id, old_status, new_status, changed_at, slot, delivery)
                            VALUES (:id, 'UNKNOWN', 'DOWN', now(), now(), 'NONE')""").param("id", monitor).update();

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines)
                    .contains("event:status-change")
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("data:")
                            .contains("\"monitor_id\": " + monitor)
                            .contains("\"new_status\": \"DOWN\"")));
        } finally {
            worker.destroy();
            stream.body().close();
            reader.interrupt();
        }
    }
}
