package com.healthmonitor.common.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmonitor.common.check.CheckResultMessageCodec.UnreadableCheckResultException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckResultMessageCodecTest {

    private final CheckResultMessageCodec codec = new CheckResultMessageCodec();
    private final Instant slot = Instant.parse("2026-01-20T10:30:00.123456Z");

    private CheckResultMessage success(long monitorId) {
        return new CheckResultMessage(
                1,
                monitorId,
                slot,
                3,
                "eu-west-1",
                5,
                14,
                slot.plusMillis(7),
                true,
                200,
                42,
                null,
                true,
                Instant.parse("2026-03-01T00:00:00Z"),
                "ab12");
    }

    private CheckResultMessage failure(long monitorId) {
        return new CheckResultMessage(
                1,
                monitorId,
                slot.plusSeconds(60),
                4,
                "us-east-1",
                10,
                0,
                slot.plusSeconds(61),
                false,
                null,
                10_000,
                "timeout after 10s",
                false,
                null,
                null);
    }

    @Test
    void roundTripsEveryFieldOfASingleResult() {
        CheckResultMessage result = success(42);

        assertThat(codec.readAll(codec.write(result))).containsExactly(result);
        assertThat(codec.read(codec.write(failure(7)))).isEqualTo(failure(7));
    }

    @Test
    void roundTripsABatchInOrder() {
        List<CheckResultMessage> results = List.of(success(1), failure(2), success(3));

        String json = codec.writeBatch(results);

        assertThat(codec.readAll(json)).containsExactlyElementsOf(results);
        assertThat(json).startsWith("{\"version\":1,\"results\":[");
    }

    @Test
    void writesVersionedSnakeCaseJsonWithoutNulls() {
        String json = codec.write(failure(7));

        assertThat(json)
                .contains("\"version\":1")
                .contains("\"monitor_id\":7")
                .contains("\"config_version\":4")
                .contains("\"location\":\"us-east-1\"")
                .contains("\"slot\":\"2026-01-20T10:31:00.123456Z\"")
                .contains("\"latency_ms\":10000")
                .contains("\"error\":\"timeout after 10s\"")
                .doesNotContain("status_code")
                .doesNotContain("tls_expires_at")
                .doesNotContain("tls_certificate")
                .doesNotContain("null");
    }

    @Test
    void ignoresFieldsAddedByANewerProbeOfTheSameVersion() {
        String json = codec.write(success(7)).replaceFirst("\\{", "{\"probe_build\":\"x\",");

        assertThat(codec.readAll(json)).containsExactly(success(7));
    }

    @Test
    void refusesAResultVersionItDoesNotUnderstand() {
        String single = codec.write(success(7)).replace("\"version\":1", "\"version\":2");
        String inBatch = codec.writeBatch(List.of(success(7), failure(8)))
                .replace("\"version\":1,\"monitor_id\":8", "\"version\":2,\"monitor_id\":8");

        assertThatThrownBy(() -> codec.readAll(single))
                .isInstanceOf(UnreadableCheckResultException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> codec.readAll(inBatch))
                .isInstanceOf(UnreadableCheckResultException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void refusesABatchVersionItDoesNotUnderstand() {
        String json = codec.writeBatch(List.of(success(7))).replaceFirst("\"version\":1", "\"version\":2");

        assertThatThrownBy(() -> codec.readAll(json))
                .isInstanceOf(UnreadableCheckResultException.class)
                .hasMessageContaining("batch version 2");
    }

    @Test
    void refusesMessagesMissingRequiredFieldsOrWithABadLocation() {
        assertThatThrownBy(() -> codec.readAll("{\"version\":1,\"monitor_id\":1}"))
                .isInstanceOf(UnreadableCheckResultException.class);
        assertThatThrownBy(() -> codec.readAll("not json")).isInstanceOf(UnreadableCheckResultException.class);
        assertThatThrownBy(() -> codec.readAll("{\"version\":1,\"results\":[]}"))
                .isInstanceOf(UnreadableCheckResultException.class);
        String badLocation = codec.write(success(7)).replace("eu-west-1", "EU West");
        assertThatThrownBy(() -> codec.readAll(badLocation))
                .isInstanceOf(UnreadableCheckResultException.class)
                .hasMessageContaining("location");
    }

    @Test
    void aFailureNeedsAnErrorAndASuccessHasNone() {
        assertThatThrownBy(() -> new CheckResultMessage(
                        1, 1, slot, 1, "default", 5, 0, slot, false, 503, 3, null, true, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckResultMessage(
                        1, 1, slot, 1, "default", 5, 0, slot, true, 200, 3, "oops", true, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
