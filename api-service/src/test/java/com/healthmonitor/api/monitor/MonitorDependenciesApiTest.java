package com.healthmonitor.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ApiHttp;
import com.healthmonitor.api.testing.ApiIntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code depends_on} through real HTTP: stored as edges, shown everywhere a monitor is, and never a cycle. */
@ApiIntegrationTest
class MonitorDependenciesApiTest {

    @Autowired
    private ApiHttp api;

    @Autowired
    private JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void dependenciesAreStoredAndShownByGetListExportAndBulk() {
        long database = create("Orders DB", List.of());
        long network = create("Core network", List.of());
        long service = create("Orders API", List.of(network, database, database));

        assertThat(dependsOn(get("/monitors/" + service))).containsExactly(database, network);
        assertThat(dependsOn(get("/monitors/" + database))).isEmpty();
        JsonNode listed =
                get("/monitors?after_id=" + (service - 1) + "&limit=1").get(0);
        assertThat(dependsOn(listed)).containsExactlyInAnyOrder(network, database);
        assertThat(edges(service)).containsExactlyInAnyOrder(network, database);

        JsonNode exported = null;
        for (JsonNode request : get("/monitors/export")) {
            if (request.get("name").asString().equals("Orders API")
                    && dependsOn(request).contains(database)) {
                exported = request;
            }
        }
        assertThat(exported).isNotNull();
        assertThat(dependsOn(exported)).containsExactlyInAnyOrder(network, database);

        HttpResponse<String> bulk = this.api.send("POST", "/monitors/bulk", """
                {"monitors": [%s, %s]}""".formatted(
                        body("Shop", List.of(database)), body("Cart", List.of(service))));
        assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(201);
        assertThat(dependsOn(json.readTree(bulk.body()).get(0))).containsExactly(database);
        assertThat(dependsOn(json.readTree(bulk.body()).get(1))).containsExactly(service);

        // A full replace sets them anew; deleting a dependency removes its edges.
        assertThat(put(service, body("Orders API", List.of(database))).statusCode())
                .isEqualTo(200);
        assertThat(edges(service)).containsExactly(database);
        assertThat(this.api.send("DELETE", "/monitors/" + database, null).statusCode())
                .isEqualTo(204);
        assertThat(edges(service)).isEmpty();
        assertThat(dependsOn(get("/monitors/" + service))).isEmpty();
    }

    @Test
    void unknownIdsAndTheMonitorItselfAreRefusedNamingDependsOn() {
        long monitor = create("Lonely", List.of());

        HttpResponse<String> unknown = api.send("POST", "/monitors", body("Orphan", List.of(monitor, 999_999_999L)));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("depends_on").contains("no monitor with id [999999999]");

        HttpResponse<String> self = put(monitor, body("Lonely", List.of(monitor)));
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(self.body()).contains("depends_on").contains("cannot depend on itself");

        HttpResponse<String> nullId = api.send("POST", "/monitors", """
                {"name": "n", "url": "https://example.com/", "depends_on": [null]}""");
        assertThat(nullId.statusCode()).isEqualTo(400);
        assertThat(nullId.body()).contains("depends_on");
        assertThat(edges(monitor)).isEmpty();

        HttpResponse<String> bulk = api.send(
                "POST", "/monitors/bulk", """
                {"monitors": [%s, %s]}""".formatted(body("A", List.of()), body("B", List.of(999_999_998L))));
        assertThat(bulk.statusCode()).isEqualTo(400);
        assertThat(bulk.body()).contains("monitors[1].depends_on");
    }

    @Test
    void aDependencyThatWouldCloseACycleIsRefusedNamingTheCycle() {
        long a = create("A", List.of());
        long b = create("B", List.of(a));
        long c = create("C", List.of(b));

        HttpResponse<String> direct = put(a, body("A", List.of(b)));
        assertThat(direct.statusCode()).isEqualTo(400);
        assertThat(direct.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(field(direct)).isEqualTo("depends_on");
        assertThat(message(direct)).isEqualTo("would form a cycle " + a + " -> " + b + " -> " + a);

        HttpResponse<String> through = put(a, body("A", List.of(c)));
        assertThat(through.statusCode()).isEqualTo(400);
        assertThat(message(through)).isEqualTo("would form a cycle " + a + " -> " + c + " -> " + b + " -> " + a);
        assertThat(edges(a)).isEmpty();

        // Not a cycle: a diamond, and C re-stating what it has.
        long d = create("D", List.of(b, c));
        assertThat(put(c, body("C", List.of(a, b))).statusCode()).isEqualTo(200);
        assertThat(edges(d)).containsExactlyInAnyOrder(b, c);
    }

    @Test
    void twoConcurrentUpdatesCannotCloseACycleTogether() throws Exception {
        for (int round = 0; round < 5; round++) {
            long x = create("X", List.of());
            long y = create("Y", List.of());
            List<Callable<HttpResponse<String>>> updates =
                    List.of(() -> put(x, body("X", List.of(y))), () -> put(y, body("Y", List.of(x))));
            List<Integer> statuses = new ArrayList<>();
            try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
                for (Future<HttpResponse<String>> update : threads.invokeAll(updates)) {
                    statuses.add(update.get().statusCode());
                }
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 400);
            assertThat(edges(x).size() + edges(y).size()).isEqualTo(1);
        }
    }

    @Test
    void aStatusChangeHeldBackByADependencyNamesItInTheHistory() {
        long database = create("Orders DB", List.of());
        long service = create("Orders API", List.of(database));
        jdbc.sql("""
                        INSERT INTO status_changes (monitor_id, old_status, new_status, changed_at, slot, delivery,
                                                    suppressed_by)
                        VALUES (:id, 'UP', 'DOWN', now(), now(), 'SUPPRESSED', :by)""").param("id", service).param("by", database).update();

        JsonNode alert = get("/monitors/" + service + "/status-changes").get(0).get("alert");
        assertThat(alert.get("delivery").asString()).isEqualTo("SUPPRESSED");
        assertThat(alert.get("suppressed_by").get("id").asLong()).isEqualTo(database);
        assertThat(alert.get("suppressed_by").get("name").asString()).isEqualTo("Orders DB");
    }

    private long create(String name, List<Long> dependsOn) {
        HttpResponse<String> created = api.send("POST", "/monitors", body(name, dependsOn));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    private HttpResponse<String> put(long id, String body) {
        return api.send("PUT", "/monitors/" + id, body);
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String body(String name, List<Long> dependsOn) {
        return """
                {"name": "%s", "url": "https://example.com/%s", "depends_on": %s}""".formatted(name, name.replace(' ', '-'), dependsOn);
    }

    private static List<Long> dependsOn(JsonNode monitor) {
        List<Long> ids = new ArrayList<>();
        if (monitor.has("depends_on")) {
            monitor.get("depends_on").forEach(id -> ids.add(id.asLong()));
        }
        return ids;
    }

    private List<Long> edges(long id) {
        return jdbc.sql("SELECT depends_on_id FROM monitor_dependencies WHERE monitor_id = :id ORDER BY 1")
                .param("id", id)
                .query(Long.class)
                .list();
    }

    private String field(HttpResponse<String> problem) {
        return json.readTree(problem.body()).get("errors").get(0).get("field").asString();
    }

    private String message(HttpResponse<String> problem) {
        return json.readTree(problem.body()).get("errors").get(0).get("message").asString();
    }
}
