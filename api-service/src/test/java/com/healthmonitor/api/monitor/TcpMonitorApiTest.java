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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** TCP monitors through the running API: created, shown, updated, refused with a problem naming the field. */
@ApiIntegrationTest
class TcpMonitorApiTest {

    private static final String ORDERS_DB = """
            {"type": "tcp", "name": "Orders DB", "host": "db.example.com", "port": 5432, "check_interval": 30,
             "timeout": 5}""";

    @Autowired
    private ApiHttp api;

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aTcpMonitorIsCreatedShownWithItsTypeAndTargetAndStoredAsOne() throws Exception {
        HttpResponse<String> created = api.send("POST", "/monitors", ORDERS_DB);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode monitor = json.readTree(created.body());
        long id = monitor.get("id").asLong();
        assertThat(monitor.get("type").asString()).isEqualTo("tcp");
        assertThat(monitor.get("host").asString()).isEqualTo("db.example.com");
        assertThat(monitor.get("port").asInt()).isEqualTo(5432);
        assertThat(monitor.get("tls").asBoolean()).isFalse();
        assertThat(monitor.get("target").asString()).isEqualTo("tcp://db.example.com:5432");
        assertThat(monitor.get("url").isNull()).isTrue();
        assertThat(monitor.get("method").isNull()).isTrue();
        assertThat(monitor.get("status").asString()).isEqualTo("UNKNOWN");
        assertThat(jdbc.sql("SELECT type || ' ' || (target ->> 'host') FROM monitors WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("tcp db.example.com");

        HttpResponse<String> updated = api.send(
                "PUT",
                "/monitors/" + id,
                ORDERS_DB
                        .replace("5432", "6432")
                        .replace("\"timeout\": 5}", "\"timeout\": 5, \"tls\": true, \"tls_expiry_days\": 30}"));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        JsonNode shown = json.readTree(api.send("GET", "/monitors/" + id, null).body());
        assertThat(shown.get("target").asString()).isEqualTo("tcp://db.example.com:6432");
        assertThat(shown.get("tls_expiry_days").asInt()).isEqualTo(30);
    }

    @Test
    void anHttpMonitorWithoutATypeIsHttpAndShowsNoTcpFields() throws Exception {
        JsonNode monitor = json.readTree(api.send("POST", "/monitors", """
                        {"name": "Google Homepage", "url": "https://google.com/", "check_interval": 30, "timeout": 5,
                         "expected_status_code": 200, "enabled": true}""").body());

        assertThat(monitor.get("type").asString()).isEqualTo("http");
        assertThat(monitor.get("target").asString()).isEqualTo("https://google.com/");
        assertThat(monitor.has("host")).isFalse();
        assertThat(monitor.has("port")).isFalse();
    }

    static Stream<Arguments> badTcpMonitors() {
        return Stream.of(
                Arguments.of(ORDERS_DB.replace(", \"port\": 5432", ""), "port", "is required"),
                Arguments.of(ORDERS_DB.replace("5432", "70000"), "port", "between 1 and 65535"),
                Arguments.of(ORDERS_DB.replace("5432", "0"), "port", "between 1 and 65535"),
                Arguments.of(ORDERS_DB.replace("db.example.com", "db example"), "host", "host name or an IP address"),
                Arguments.of(ORDERS_DB.replace("\"host\": \"db.example.com\", ", ""), "host", "is required"),
                Arguments.of(ORDERS_DB.replace("db.example.com", "10.0.0.5"), "host", "loopback or private"),
                Arguments.of(ORDERS_DB.replace("db.example.com", "100.64.1.1"), "host", "loopback or private"),
                Arguments.of(ORDERS_DB.replace("db.example.com", "db.internal"), "host", "loopback or private"),
                Arguments.of(ORDERS_DB.replace("\"tcp\"", "\"smtp\""), "type", "must be one of http, tcp, dns"),
                Arguments.of(
                        ORDERS_DB.replace("\"timeout\": 5}", "\"timeout\": 5, \"url\": \"https://e.com\"}"),
                        "url",
                        "is not a field of tcp monitors"),
                Arguments.of(
                        ORDERS_DB.replace("\"timeout\": 5}", "\"timeout\": 5, \"method\": \"POST\"}"),
                        "method",
                        "is not a field of tcp monitors"),
                Arguments.of(
                        ORDERS_DB.replace(
                                "\"timeout\": 5}",
                                "\"timeout\": 5, \"assertions\": [{\"type\": \"body_contains\", \"value\": \"ok\"}]}"),
                        "assertions",
                        "is not a field of tcp monitors"),
                Arguments.of(
                        ORDERS_DB.replace("\"timeout\": 5}", "\"timeout\": 5, \"tls_expiry_days\": 30}"),
                        "tls_expiry_days",
                        "needs \\\"tls\\\": true"),
                Arguments.of("""
                        {"name": "x", "url": "https://e.com", "port": 443}""", "port", "is not a field of http monitors"));
    }

    @ParameterizedTest
    @MethodSource("badTcpMonitors")
    void refusesABadTcpMonitorWithAProblemNamingTheField(String body, String field, String message) throws Exception {
        HttpResponse<String> response = api.send("POST", "/monitors", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = json.readTree(response.body()).get("errors");
        assertThat(errors.valueStream().map(e -> e.get("field").asString()).toList())
                .contains(field);
        assertThat(errors.toString()).contains(message);
    }
}
