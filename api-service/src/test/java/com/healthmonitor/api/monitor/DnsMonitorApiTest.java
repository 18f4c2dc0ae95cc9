package com.healthmonitor.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ApiHttp;
import com.healthmonitor.api.testing.ApiIntegrationTest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** DNS monitors through the running API: created, shown, refused with a problem naming the field. */
@ApiIntegrationTest
class DnsMonitorApiTest {

    private static final String SHOP_DNS = """
            {"type": "dns", "name": "Shop DNS", "hostname": "shop.example.com", "record_type": "A",
             "resolver": "1.1.1.1:53", "expected_values": ["203.0.113.7"]}""";

    @Autowired
    private ApiHttp api;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aDnsMonitorIsCreatedAndShownWithItsTypeAndTarget() throws Exception {
        HttpResponse<String> created = api.send("POST", "/monitors", SHOP_DNS);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode monitor = json.readTree(created.body());
        assertThat(monitor.get("type").asString()).isEqualTo("dns");
        assertThat(monitor.get("hostname").asString()).isEqualTo("shop.example.com");
        assertThat(monitor.get("record_type").asString()).isEqualTo("A");
        assertThat(monitor.get("resolver").asString()).isEqualTo("1.1.1.1:53");
        assertThat(monitor.get("expected_values").get(0).asString()).isEqualTo("203.0.113.7");
        assertThat(monitor.get("target").asString()).isEqualTo("dns://1.1.1.1:53/shop.example.com?type=A");
        assertThat(monitor.has("port")).isFalse();
    }

    static Stream<Arguments> badDnsMonitors() {
        return Stream.of(
                Arguments.of(SHOP_DNS.replace("\"A\"", "\"SRV\""), "record_type", "must be one of A, AAAA"),
                Arguments.of(SHOP_DNS.replace("shop.example.com", "shop..example"), "hostname", "DNS name"),
                Arguments.of(SHOP_DNS.replace("1.1.1.1:53", "127.0.0.1:53"), "resolver", "loopback or private"),
                Arguments.of(SHOP_DNS.replace("1.1.1.1:53", "1.1.1.1:99999"), "resolver", "host or host:port"),
                Arguments.of(
                        SHOP_DNS.replace("\"record_type\"", "\"port\": 53, \"record_type\""),
                        "port",
                        "is not a field of dns monitors"));
    }

    @ParameterizedTest
    @MethodSource("badDnsMonitors")
    void refusesABadDnsMonitorWithAProblemNamingTheField(String body, String field, String message) throws Exception {
        HttpResponse<String> response = api.send("POST", "/monitors", body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = json.readTree(response.body()).get("errors");
        assertThat(errors.valueStream().map(e -> e.get("field").asString()).toList())
                .contains(field);
        assertThat(errors.toString()).contains(message);
    }
}
