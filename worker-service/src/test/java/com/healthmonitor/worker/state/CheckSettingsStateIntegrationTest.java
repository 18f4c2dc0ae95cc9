package com.healthmonitor.worker.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.common.check.CheckSpec;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.result.TlsInspection;
import com.healthmonitor.worker.testing.Channels;
import com.healthmonitor.worker.testing.Monitors;
import com.healthmonitor.worker.testing.WorkerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Per-monitor thresholds and certificate warnings, applied through the real recorder and database. */
@WorkerIntegrationTest
class CheckSettingsStateIntegrationTest {

    private static final StubServer SLACK = new StubServer();
    private static final String FINGERPRINT = "a".repeat(64);

    @Autowired
    private ResultRecorder recorder;

    @Autowired
    private JdbcClient jdbc;

    @AfterAll
    static void stop() {
        SLACK.close();
    }

    @Test
    void aThresholdChangeTakesEffectAtTheNextCheckWithoutAFalseTransition() {
        long id = new Monitors(jdbc).insert("flaky", "https://flaky.example", null, "UP", 0, 5);
        setThresholds(id, 3, null, 1);
        Instant slot = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        assertThat(recorder.apply(request(id, slot, 1), failure(slot))).isEqualTo(Applied.APPLIED);
        assertThat(recorder.apply(request(id, slot.plusSeconds(60), 1), failure(slot)))
                .isEqualTo(Applied.APPLIED);
        // Raised mid-way: the third failure is still below it.
        setThresholds(id, 5, null, 2);
        assertThat(recorder.apply(request(id, slot.plusSeconds(120), 2), failure(slot)))
                .isEqualTo(Applied.APPLIED);
        // Lowered below the count: the change alone transitions nothing...
        setThresholds(id, 2, 1, 3);
        assertThat(status(id)).isEqualTo("UP");
        assertThat(transitions(id)).isZero();
        // ...the next failure does, once.
        assertThat(recorder.apply(request(id, slot.plusSeconds(180), 3), failure(slot)))
                .isEqualTo(Applied.TRANSITIONED);
        assertThat(status(id)).isEqualTo("DOWN");
        assertThat(transitions(id)).isEqualTo(1);
        // success_threshold 1: one success brings it back.
        assertThat(recorder.apply(request(id, slot.plusSeconds(240), 3), success(slot)))
                .isEqualTo(Applied.TRANSITIONED);
        assertThat(status(id)).isEqualTo("UP");
    }

    @Test
    void withoutThresholdsOfItsOwnAMonitorUsesTheWorkersDefaults() {
        long id = new Monitors(jdbc).insert("default", "https://default.example", null, "UP", 0, 5);
        Instant slot = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        assertThat(recorder.apply(request(id, slot, 1), failure(slot))).isEqualTo(Applied.APPLIED);
        assertThat(recorder.apply(request(id, slot.plusSeconds(60), 1), failure(slot)))
                .as("FAIL_THRESHOLD defaults to 2")
                .isEqualTo(Applied.TRANSITIONED);
    }

    @Test
    void warnsOncePerCertificateThroughTheOutbox() {
        SLACK.script("/tls-hook", Reply.ok());
        SLACK.script("/tls-discord", Reply.ok());
        long id = new Monitors(jdbc).insert("Shop", "https://shop.example", SLACK.url("/tls-hook"), "UP", 0, 5);
        Channels channels = new Channels(jdbc);
        channels.link(id, channels.webhook("discord", "dev", SLACK.url("/tls-discord"), null));
        Instant slot = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiry = Instant.now().plus(Duration.ofDays(3)).plus(Duration.ofHours(2));

        for (int i = 0; i < 3; i++) {
            recorder.apply(request(id, slot.plusSeconds(60L * i), 1), withCertificate(slot, expiry, FINGERPRINT));
        }

        await().atMost(Duration.ofSeconds(20))
                .until(() -> SLACK.requests("/tls-hook").size() == 1);
        String text = JsonMapper.builder()
                .build()
                .readTree(SLACK.requests("/tls-hook").getFirst().body())
                .get("text")
                .asString();
        assertThat(text).contains("Certificate expiring", "Name: Shop", "Reason: certificate expires in 3 days");
        // The monitor's channels get it too, in their own format.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> SLACK.requests("/tls-discord").size() == 1);
        JsonNode embed = JsonMapper.builder()
                .build()
                .readTree(SLACK.requests("/tls-discord").getFirst().body())
                .get("embeds")
                .get(0);
        assertThat(embed.get("title").asString()).isEqualTo("⚠️ Certificate expiring: Shop");
        assertThat(embed.get("color").asInt()).isEqualTo(0xF39C12);
        assertThat(warnings(id)).containsExactly("TLS_EXPIRY");
        assertThat(jdbc.sql("SELECT count(*) FROM check_results WHERE monitor_id = :id AND tls_expires_at IS NOT NULL")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
        assertThat(status(id)).as("a warning is not a status change").isEqualTo("UP");

        // A renewed certificate that is again close to expiry is a new certificate: one more warning.
        recorder.apply(request(id, slot.plusSeconds(600), 1), withCertificate(slot, expiry, "b".repeat(64)));
        assertThat(warnings(id)).hasSize(2);
    }

    @Test
    void sendsNoWarningWhenTheCertificateIsFarFromExpiryOrWarningsAreOff() {
        long id = new Monitors(jdbc).insert("Calm", "https://calm.example", SLACK.url("/calm-hook"), "UP", 0, 5);
        Instant slot = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant soon = Instant.now().plus(Duration.ofDays(3));

        recorder.apply(
                request(id, slot, 1), withCertificate(slot, Instant.now().plus(Duration.ofDays(60)), FINGERPRINT));
        recorder.apply(
                CheckRequest.of(
                        id,
                        slot.plusSeconds(60),
                        1,
                        "https://calm.example",
                        5,
                        new CheckSpec("GET", Map.of(), null, null, List.of("200"), List.of(), true, 0)),
                withCertificate(slot, soon, FINGERPRINT));

        assertThat(warnings(id)).isEmpty();
    }

    private void setThresholds(long id, Integer fail, Integer success, long configVersion) {
        jdbc.sql("""
                        UPDATE monitors SET fail_threshold = :fail, success_threshold = :success,
                                            config_version = :version WHERE id = :id""")
                .param("fail", fail)
                .param("success", success)
                .param("version", configVersion)
                .param("id", id)
                .update();
    }

    private static CheckRequest request(long id, Instant slot, long configVersion) {
        return CheckRequest.of(id, slot, configVersion, "https://example.test", 5, 200);
    }

    private static CheckResult failure(Instant at) {
        return new CheckResult(at, false, 503, 12, "expected status 200, got 503");
    }

    private static CheckResult success(Instant at) {
        return new CheckResult(at, true, 200, 12, null);
    }

    private static CheckResult withCertificate(Instant at, Instant expiry, String fingerprint) {
        return new CheckResult(at, true, 200, 12, null, new TlsInspection(expiry, fingerprint));
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM monitors WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private int transitions(long id) {
        return jdbc.sql("SELECT count(*) FROM status_changes WHERE monitor_id = :id AND kind = 'STATUS_CHANGE'")
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    private List<String> warnings(long id) {
        return jdbc.sql("SELECT kind FROM status_changes WHERE monitor_id = :id AND kind = 'TLS_EXPIRY'")
                .param("id", id)
                .query(String.class)
                .list();
    }
}
