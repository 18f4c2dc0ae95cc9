package com.healthmonitor.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ApiHttp;
import com.healthmonitor.api.testing.ApiIntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Monitors checked from several locations, through real HTTP to a real PostgreSQL. */
@ApiIntegrationTest
class MonitorLocationsApiTest {

    private static final String TWO_LOCATIONS = """
            {"name": "Orders", "url": "https://orders.example.com/health",
             "locations": ["eu-west-1", "us-east-1"], "min_failing_locations": 2}""";

    @Autowired
    private ApiHttp api;

    @Autowired
    private JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void locationsWithQueues() {
        jdbc.sql("DELETE FROM monitors").update();
        // What a scheduler with LOCATION_QUEUES for these two registers at its start.
        jdbc.sql("INSERT INTO locations (name) VALUES ('eu-west-1'), ('us-east-1') ON CONFLICT DO NOTHING")
                .update();
    }

    @Test
    void aMonitorWithoutLocationsIsCheckedFromTheDefaultOneAsBefore() throws Exception {
        JsonNode created = created("""
                {"name": "Plain", "url": "https://plain.example.com/"}""");

        assertThat(strings(created.get("locations"))).containsExactly("default");
        assertThat(created.get("min_failing_locations").asInt()).isEqualTo(1);
        assertThat(created.get("degraded").asBoolean()).isFalse();
        assertThat(strings(created.get("failing_locations"))).isEmpty();
    }

    @Test
    void locationsAreStoredShownListedExportedAndReplaced() throws Exception {
        JsonNode created = created(TWO_LOCATIONS);
        long id = created.get("id").asLong();
        assertThat(strings(created.get("locations"))).containsExactly("eu-west-1", "us-east-1");
        assertThat(created.get("min_failing_locations").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT min_failing_locations FROM monitors WHERE id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);

        JsonNode one = json.readTree(api.get("/monitors/" + id).body());
        assertThat(strings(one.get("locations"))).containsExactly("eu-west-1", "us-east-1");
        JsonNode listed = json.readTree(api.get("/monitors").body()).get(0);
        assertThat(listed.get("min_failing_locations").asInt()).isEqualTo(2);
        JsonNode exported = json.readTree(api.get("/monitors/export").body()).get(0);
        assertThat(strings(exported.get("locations"))).containsExactly("eu-west-1", "us-east-1");
        assertThat(exported.get("min_failing_locations").asInt()).isEqualTo(2);

        HttpResponse<String> replaced = api.send("PUT", "/monitors/" + id, """
                {"name": "Orders", "url": "https://orders.example.com/health", "locations": ["us-east-1"]}""");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(strings(json.readTree(replaced.body()).get("locations"))).containsExactly("us-east-1");
        assertThat(json.readTree(replaced.body()).get("min_failing_locations").asInt())
                .isEqualTo(1);
    }

    @Test
    void bulkCreationTakesLocations() throws Exception {
        HttpResponse<String> created = api.send("POST", "/monitors/bulk", "{\"monitors\": [" + TWO_LOCATIONS + "]}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(strings(json.readTree(created.body()).get(0).get("locations")))
                .containsExactly("eu-west-1", "us-east-1");
    }

    @Test
    void aMonitorFailingInFewerLocationsThanRequiredShowsAsDegraded() throws Exception {
        long id = created(TWO_LOCATIONS).get("id").asLong();
        // As the worker writes it after a slot that eu-west-1 failed and us-east-1 passed.
        jdbc.sql("UPDATE monitors SET status = 'UP', failing_locations = ARRAY['eu-west-1'] WHERE id = :id")
                .param("id", id)
                .update();

        JsonNode one = json.readTree(api.get("/monitors/" + id).body());
        assertThat(one.get("status").asString()).isEqualTo("UP");
        assertThat(one.get("degraded").asBoolean()).isTrue();
        assertThat(strings(one.get("failing_locations"))).containsExactly("eu-west-1");
        JsonNode listed = json.readTree(api.get("/monitors").body()).get(0);
        assertThat(listed.get("degraded").asBoolean()).isTrue();

        // Failing in as many locations as required is DOWN, not degraded.
        jdbc.sql("""
                        UPDATE monitors SET status = 'DOWN', failing_locations = ARRAY['eu-west-1', 'us-east-1']
                        WHERE id = :id""").param("id", id).update();
        assertThat(json.readTree(api.get("/monitors/" + id).body())
                        .get("degraded")
                        .asBoolean())
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"locations\": []|locations",
                "\"locations\": [\"EU-West\"]|locations",
                "\"locations\": [\"eu-west-1\", \"eu-west-1\"]|locations",
                "\"locations\": [\"ap-south-1\"]|locations",
                "\"locations\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]|locations",
                "\"locations\": [\"eu-west-1\", \"us-east-1\"], \"min_failing_locations\": 3|min_failing_locations",
                "\"min_failing_locations\": 0|min_failing_locations",
                "\"min_failing_locations\": 2|min_failing_locations"
            })
    void badLocationsAre400sNamingTheField(String fields, String field) throws Exception {
        String body = "{\"name\": \"x\", \"url\": \"https://x.example.com/\", " + fields + "}";

        for (HttpResponse<String> response : List.of(
                api.send("POST", "/monitors", body),
                api.send("POST", "/monitors/bulk", "{\"monitors\": [" + body + "]}"))) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            List<String> fieldsNamed = new ArrayList<>();
            json.readTree(response.body())
                    .get("errors")
                    .forEach(error -> fieldsNamed.add(error.get("field").asString()));
            assertThat(fieldsNamed).as(response.body()).anyMatch(named -> named.endsWith(field));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM monitors").query(Long.class).single())
                .isZero();
    }

    @Test
    void aHeartbeatHasOnlyTheDefaultLocation() throws Exception {
        HttpResponse<String> refused = api.send("POST", "/monitors", """
                {"name": "Nightly", "type": "heartbeat", "period": 86400, "locations": ["eu-west-1"]}""");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("\"locations\"");
    }

    @Test
    void checksAndStatsAreAvailablePerLocation() throws Exception {
        long id = created(TWO_LOCATIONS).get("id").asLong();
        jdbc.sql("""
                        INSERT INTO check_results (monitor_id, slot, checked_at, config_version, success, status_code,
                                                   latency_ms, error, location)
                        SELECT :id, s, s, 1, loc <> 'eu-west-1', CASE WHEN loc = 'eu-west-1' THEN 503 ELSE 200 END,
                               CASE WHEN loc = 'eu-west-1' THEN 300 ELSE 20 END,
                               CASE WHEN loc = 'eu-west-1' THEN 'expected status 200, got 503' END, loc
                        FROM generate_series(1, 5) AS k,
                             LATERAL (SELECT now() - k * interval '10 seconds' AS s) AS slots,
                             unnest(ARRAY['eu-west-1', 'us-east-1']) AS loc""").param("id", id).update();

        JsonNode checks = json.readTree(
                api.get("/monitors/" + id + "/checks?location=eu-west-1").body());
        assertThat(checks).hasSize(5);
        checks.forEach(check -> {
            assertThat(check.get("location").asString()).isEqualTo("eu-west-1");
            assertThat(check.get("success").asBoolean()).isFalse();
        });
        assertThat(json.readTree(api.get("/monitors/" + id + "/checks").body())).hasSize(10);

        JsonNode eu = json.readTree(api.get("/monitors/" + id + "/stats?window=1h&location=eu-west-1")
                .body());
        assertThat(eu.get("checks").asLong()).isEqualTo(5);
        assertThat(eu.get("failures").asLong()).isEqualTo(5);
        assertThat(eu.get("latency_ms").get("p50").asDouble()).isBetween(287.0, 313.0);

        JsonNode all =
                json.readTree(api.get("/monitors/" + id + "/stats?window=1h").body());
        JsonNode byLocation = all.get("latency_ms_by_location");
        assertThat(byLocation.get("eu-west-1").get("p95").asDouble()).isBetween(287.0, 313.0);
        assertThat(byLocation.get("us-east-1").get("p95").asDouble()).isBetween(19.0, 21.0);

        HttpResponse<String> bad = api.get("/monitors/" + id + "/stats?location=EU!");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("location");
    }

    private JsonNode created(String body) throws Exception {
        HttpResponse<String> response = api.send("POST", "/monitors", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
