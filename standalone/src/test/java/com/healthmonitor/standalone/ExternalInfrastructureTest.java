package com.healthmonitor.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestDatabase;
import com.healthmonitor.testing.TestQueues;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/** With DATABASE_URL and SQS_QUEUE_URL given, the standalone run uses them and starts nothing of its own. */
class ExternalInfrastructureTest {

    @Test
    void usesTheGivenDatabaseAndQueueAndMigratesTheDatabase(@TempDir Path data) throws Exception {
        String jdbcUrl = TestDatabase.newEmptyDatabase();
        // The seed's form, credentials beside it as ECS passes them.
        String seedUrl = jdbcUrl.replace("jdbc:postgresql://", "postgresql://").replaceAll("\\?.*", "");
        String queueUrl = TestQueues.newQueue("external");
        StandaloneSettings settings = new StandaloneSettings(
                data,
                0,
                StandaloneSettings.LOOPBACK,
                seedUrl,
                TestDatabase.USERNAME,
                TestDatabase.PASSWORD,
                queueUrl,
                Map.of(
                        "ALLOW_PRIVATE_TARGETS",
                        "true",
                        "MIN_CHECK_INTERVAL",
                        "2",
                        "spring.cloud.aws.endpoint",
                        TestQueues.server().endpoint(),
                        "spring.cloud.aws.region.static",
                        TestQueues.REGION,
                        "spring.cloud.aws.credentials.access-key",
                        TestQueues.ACCESS_KEY,
                        "spring.cloud.aws.credentials.secret-key",
                        TestQueues.SECRET_KEY),
                null);
        JdbcClient database = JdbcClient.create(DataSourceBuilder.create()
                .url(jdbcUrl)
                .username(TestDatabase.USERNAME)
                .password(TestDatabase.PASSWORD)
                .build());

        try (StubServer target = new StubServer();
                HealthMonitorSystem system = HealthMonitorSystem.start(settings)) {
            target.script("/up", Reply.ok());
            HttpResponse<String> created = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + system.apiPort() + "/monitors"))
                                    .header("Content-Type", "application/json")
                                    .POST(BodyPublishers.ofString("""
                                            {"name":"external","url":"%s","check_interval":2,"timeout":1}""".formatted(target.url("/up"))))
                                    .build(),
                            BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> database.sql("SELECT status FROM monitors WHERE name = 'external'")
                            .query(String.class)
                            .single()
                            .equals("UP"));
        }
        assertThat(Files.exists(data.resolve("postgres"))).isFalse();
    }
}
