package com.healthmonitor.common.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmonitor.common.check.CheckRequestCodec.UnreadableCheckRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckRequestCodecTest {

    private final CheckRequestCodec codec = new CheckRequestCodec();
    private final Instant slot = Instant.parse("2026-01-20T10:30:00.123Z");

    @Test
    void roundTripsEveryField() {
        CheckRequest request = CheckRequest.of(42, slot, 3, "https://example.com/health", 5, 204);

        CheckRequest read = codec.read(codec.write(request));

        assertThat(read).isEqualTo(request);
        assertThat(read.idempotencyKey()).isEqualTo("42:" + slot.toEpochMilli());
    }

    @Test
    void writesVersionedSnakeCaseJson() {
        String json = codec.write(CheckRequest.of(7, slot, 1, "https://example.com", 5, 200));

        assertThat(json)
                .contains("\"version\":1")
                .contains("\"monitor_id\":7")
                .contains("\"idempotency_key\":\"7:" + slot.toEpochMilli() + "\"")
                .contains("\"expected_status_code\":200")
                .contains("\"timeout_seconds\":5")
                .contains("\"slot\":\"2026-01-20T10:30:00.123Z\"");
    }

    @Test
    void ignoresFieldsAddedByANewerSchedulerOfTheSameVersion() {
        String json = codec.write(CheckRequest.of(7, slot, 1, "https://example.com", 5, 200))
                .replace("{", "{\"region\":\"eu-west-1\",");

        assertThat(codec.read(json).monitorId()).isEqualTo(7);
    }

    @Test
    void refusesAVersionItDoesNotUnderstand() {
        String json = codec.write(CheckRequest.of(7, slot, 1, "https://example.com", 5, 200))
                .replace("\"version\":1", "\"version\":2");

        assertThatThrownBy(() -> codec.read(json))
                .isInstanceOf(UnreadableCheckRequestException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void refusesMessagesMissingRequiredFields() {
        assertThatThrownBy(() -> codec.read("{\"version\":1,\"monitor_id\":1}"))
                .isInstanceOf(UnreadableCheckRequestException.class);
        assertThatThrownBy(() -> codec.read("not json")).isInstanceOf(UnreadableCheckRequestException.class);
    }
}
