package com.healthmonitor.common.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmonitor.common.check.CheckRequestCodec.UnreadableCheckRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.StringNode;

class CheckRequestCodecTest {

    private final CheckRequestCodec codec = new CheckRequestCodec();
    private final Instant slot = Instant.parse("2026-01-20T10:30:00.123Z");

    @Test
    void roundTripsEveryField() {
        CheckRequest request = CheckRequest.of(42, slot, 3, "https://example.com/health", 5, 204);

        CheckRequest read = codec.read(codec.write(request));

        assertThat(read).isEqualTo(request);
    }

    @Test
    void aCheckNamesTheLocationItWasSentToAndOlderChecksNone() {
        CheckRequest located = CheckRequest.of(42, slot, 3, "https://example.com/health", 5, 204)
                .withLocation("eu-west-1");

        String json = codec.writeBatch(List.of(located));

        assertThat(json).contains("\"location\":\"eu-west-1\"");
        assertThat(codec.readAll(json)).containsExactly(located);
        assertThat(codec.write(CheckRequest.of(42, slot, 3, "https://example.com/health", 5, 204)))
                .doesNotContain("location");
        assertThat(codec.read(codec.write(CheckRequest.of(42, slot, 3, "https://example.com/health", 5, 204)))
                        .location())
                .isNull();
        assertThatThrownBy(() -> located.withLocation("EU West")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesVersionedSnakeCaseJson() {
        String json = codec.write(CheckRequest.of(7, slot, 1, "https://example.com", 5, 200));

        assertThat(json)
                .contains("\"version\":2")
                .contains("\"monitor_id\":7")
                .contains("\"expected_status_code\":200")
                .contains("\"timeout_seconds\":5")
                .contains("\"slot\":\"2026-01-20T10:30:00.123Z\"");
    }

    @Test
    void ignoresFieldsAddedByANewerSchedulerOfTheSameVersion() {
        String json = codec.write(CheckRequest.of(7, slot, 1, "https://example.com", 5, 200))
                .replaceFirst("\\{", "{\"region\":\"eu-west-1\",");

        assertThat(codec.read(json).monitorId()).isEqualTo(7);
    }

    @Test
    void refusesAVersionItDoesNotUnderstand() {
        String json = codec.write(CheckRequest.of(7, slot, 1, "https://example.com", 5, 200))
                .replace("\"version\":2", "\"version\":4");

        assertThatThrownBy(() -> codec.readAll(json))
                .isInstanceOf(UnreadableCheckRequestException.class)
                .hasMessageContaining("version 4");
    }

    @Test
    void readsAVersionOneMessageAsThePlainGetItAlwaysWas() {
        String v1 = """
                {"version":1,"monitor_id":7,"slot":"2026-01-20T10:30:00.123Z","idempotency_key":"7:1768905000123",
                 "config_version":3,"url":"https://example.com/health","timeout_seconds":5,
                 "expected_status_code":204}""";

        CheckRequest read = codec.read(v1);

        assertThat(read.version()).isEqualTo(1);
        assertThat(read.expectedStatusCode()).isEqualTo(204);
        assertThat(read.check()).isEqualTo(CheckSpec.plainGet(204));
        assertThat(read.check().method()).isEqualTo("GET");
        assertThat(read.check().followRedirects()).isTrue();
        assertThat(read.check().tlsExpiryDays()).isEqualTo(14);
    }

    @Test
    void roundTripsEveryCheckSetting() {
        CheckSpec spec = new CheckSpec(
                "POST",
                Map.of("Authorization", "Bearer secret"),
                "{\"probe\":true}",
                "application/json",
                List.of("200-299", "301"),
                List.of(
                        new CheckAssertion.BodyContains("ok"),
                        new CheckAssertion.BodyNotContains("error"),
                        new CheckAssertion.JsonPath("$.status", StringNode.valueOf("UP"), null, null, null),
                        new CheckAssertion.JsonPath("$.db", null, true, null, null),
                        new CheckAssertion.JsonPath("$.load", null, null, new BigDecimal("0.9"), BigDecimal.ONE),
                        new CheckAssertion.MaxLatency(1500)),
                false,
                30);
        CheckRequest request = CheckRequest.of(42, slot, 3, "https://example.com/health", 5, spec);

        String json = codec.write(request);
        CheckRequest read = codec.read(json);

        assertThat(read).isEqualTo(request);
        assertThat(read.expectedStatusCode()).isZero();
        assertThat(json)
                .contains("\"type\":\"json_path\"")
                .contains("\"equals\":\"UP\"")
                .contains("\"less_than\":0.9")
                .contains("\"type\":\"max_latency_ms\",\"value\":1500")
                .contains("\"expected_status_codes\":[\"200-299\",\"301\"]");
    }

    @Test
    void refusesMessagesMissingRequiredFields() {
        assertThatThrownBy(() -> codec.read("{\"version\":1,\"monitor_id\":1}"))
                .isInstanceOf(UnreadableCheckRequestException.class);
        assertThatThrownBy(() -> codec.read("not json")).isInstanceOf(UnreadableCheckRequestException.class);
    }

    @Test
    void roundTripsABatchOfChecksAsOneVersionThreeMessage() {
        List<CheckRequest> checks = List.of(
                CheckRequest.of(1, slot, 1, "https://example.com/a", 5, 200),
                CheckRequest.of(2, slot.plusSeconds(1), 4, "https://example.com/b", 10, 204));

        String json = codec.writeBatch(checks);

        assertThat(json).startsWith("{\"version\":3,\"checks\":[");
        assertThat(codec.readAll(json)).isEqualTo(checks);
    }

    @Test
    void readsASingleCheckOfAnOlderSchedulerAsABatchOfOne() {
        CheckRequest single = CheckRequest.of(7, slot, 1, "https://example.com", 5, 200);

        assertThat(codec.readAll(codec.write(single))).containsExactly(single);
    }

    @Test
    void refusesABatchThatIsEmptyOrHoldsAnUnknownCheckVersion() {
        String unknownInside = codec.writeBatch(List.of(CheckRequest.of(7, slot, 1, "https://example.com", 5, 200)))
                .replace("\"version\":2", "\"version\":9");

        assertThatThrownBy(() -> codec.readAll("{\"version\":3,\"checks\":[]}"))
                .isInstanceOf(UnreadableCheckRequestException.class);
        assertThatThrownBy(() -> codec.readAll("{\"version\":3}")).isInstanceOf(UnreadableCheckRequestException.class);
        assertThatThrownBy(() -> codec.readAll(unknownInside))
                .isInstanceOf(UnreadableCheckRequestException.class)
                .hasMessageContaining("version 9");
    }

    @Test
    void anHttpCheckIsStillWrittenAsVersionTwoWithoutATarget() {
        String json = codec.writeBatch(List.of(CheckRequest.of(7, slot, 1, "https://example.com", 5, 200)));

        assertThat(json).contains("\"version\":2").doesNotContain("target");
        assertThat(codec.readAll(json).getFirst().target())
                .isEqualTo(new CheckTarget.Http("https://example.com", CheckSpec.plainGet(200)));
    }

    @Test
    void aTcpCheckTravelsAsVersionThreeWithItsTarget() {
        CheckRequest tcp = CheckRequest.of(7, slot, 2, 5, new CheckTarget.Tcp("db.example.com", 5432, true, 30));

        String json = codec.writeBatch(List.of(tcp));

        assertThat(json)
                .contains("\"version\":3")
                .contains("\"target\":{\"type\":\"tcp\",\"host\":\"db.example.com\",\"port\":5432");
        assertThat(codec.readAll(json)).containsExactly(tcp);
    }

    @Test
    void aDnsCheckRoundTrips() {
        CheckRequest dns = CheckRequest.of(
                7, slot, 2, 5, new CheckTarget.Dns("shop.example.com", "A", "1.1.1.1:53", List.of("203.0.113.7")));

        assertThat(codec.readAll(codec.writeBatch(List.of(dns)))).containsExactly(dns);
    }

    @Test
    void aReaderOfVersionTwoRefusesATcpCheckRatherThanMisreadingIt() {
        // What a worker that predates types does: it knows versions up to 2 and ignores unknown fields.
        String json = codec.writeBatch(List.of(
                CheckRequest.of(7, slot, 1, "https://example.com", 5, 200),
                CheckRequest.of(8, slot, 1, 5, new CheckTarget.Tcp("db.example.com", 5432, false, 0))));
        tools.jackson.databind.JsonNode batch = new tools.jackson.databind.ObjectMapper().readTree(json);

        assertThat(batch.get("checks").get(0).get("version").asInt()).isEqualTo(2);
        assertThat(batch.get("checks").get(1).get("version").asInt()).isEqualTo(3);
        assertThat(batch.get("checks").get(1).get("url").isNull()).isTrue();
    }

    @Test
    void aVersionThreeCheckWithoutATargetIsReadAsHttp() {
        String json = codec.write(CheckRequest.of(7, slot, 1, "https://example.com", 5, 200))
                .replace("\"version\":2", "\"version\":3");

        assertThat(codec.readAll(json).getFirst().target()).isInstanceOf(CheckTarget.Http.class);
    }
}
