package com.healthmonitor.api.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.monitor.MonitorFixtures;
import com.healthmonitor.common.monitor.MonitorStatus;
import com.healthmonitor.testing.MutableClock;
import com.healthmonitor.testing.TestDatabaseInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Status pages over HTTP against a real PostgreSQL: management with the monitors' validation rules, the public page
 * and its JSON (names, statuses and uptimes only), the 90-day bars from the rollups, and the badges. "Now" is
 * 2026-03-10T12:30Z; the daily rollups are final before 03-10.
 */
// Own context, not @ApiIntegrationTest: needs an API key and a clock the test moves, which the shared context must not
// have.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "API_KEYS=" + StatusPageApiIntegrationTest.KEY)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import({StatusPageApiIntegrationTest.ClockAtNow.class, MonitorFixtures.class})
class StatusPageApiIntegrationTest {

    /** At least 32 characters, as every API key must be. */
    static final String KEY = "secret-key-0123456789abcdef0123456789abcdef";

    static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");

    @TestConfiguration
    static class ClockAtNow {
        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MutableClock clock;

    @Autowired
    private MonitorFixtures fixtures;

    @Autowired
    private StatusPageProperties properties;

    private long api;
    private long db;
    private long paused;

    @BeforeEach
    void monitorsWithHistory() {
        clock.set(NOW);
        jdbc.sql("DELETE FROM status_pages").update();
        jdbc.sql("DELETE FROM monitors").update();
        jdbc.sql("DELETE FROM status_changes").update();
        jdbc.sql("UPDATE history_horizons SET daily_rollups_until = '2026-03-10T00:00:00Z',"
                        + " hourly_rollups_from = '2026-03-01T00:00:00Z', status_changes_from = '2026-01-01T00:00:00Z'")
                .update();
        api = monitor("Public API", "https://internal-api.corp.example/health", "UP", true, "-");
        db = monitor("Database", "https://db.corp.example/", "DOWN", true, "connection refused by 10.0.0.7");
        paused = monitor("Legacy", "https://legacy.corp.example/", "UNKNOWN", false, "-");
        // 03-08: 1 of 10 checks failed, one incident; 03-09: all fine; today (hourly): 2 of 4 failed.
        daily(api, "2026-03-08", 10, 1, 1);
        daily(api, "2026-03-09", 10, 0, 0);
        jdbc.sql("""
                        INSERT INTO check_rollups_hourly (monitor_id, hour, checks, failures, latency_count, latency_sum)
                        VALUES (:id, '2026-03-10T10:00:00Z', 4, 2, 4, 400)""").param("id", api).update();
        jdbc.sql("""
                        INSERT INTO status_changes (monitor_id, old_status, new_status, changed_at, slot, reason,
                                                    webhook_url, payload, delivery, next_attempt_at)
                        VALUES (:id, 'UP', 'DOWN', '2026-03-10T10:05:00Z', '2026-03-10T10:05:00Z',
                                'HTTP 503 from 10.0.0.7', 'https://hooks.slack.com/services/T/B/secret', '{}',
                                'PENDING', now())""").param("id", db).update();
    }

    @Test
    void aStatusPageIsCreatedReadReplacedListedAndDeleted() throws Exception {
        HttpResponse<String> created = send("POST", "/status-pages", """
                {"slug": "acme", "title": "Acme", "description": "Our services",
                 "monitor_ids": [%d], "groups": [{"name": "Storage", "monitor_ids": [%d, %d]}]}""".formatted(api, db, paused));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode page = json.readTree(created.body());
        long id = page.get("id").asLong();
        assertThat(created.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/status-pages/" + id));
        assertThat(page.get("monitor_ids").toString()).isEqualTo("[" + api + "]");
        assertThat(page.get("groups").get(0).get("name").asString()).isEqualTo("Storage");
        assertThat(page.get("groups").get(0).get("monitor_ids").toString()).isEqualTo("[" + db + "," + paused + "]");
        assertThat(page.get("public_url").asString()).isEqualTo("/status/acme");

        HttpResponse<String> replaced = send("PUT", "/status-pages/" + id, """
                {"slug": "acme-status", "title": "Acme status", "monitor_ids": [%d, %d]}""".formatted(db, api));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json.readTree(replaced.body()).get("monitor_ids").toString()).isEqualTo("[" + db + "," + api + "]");
        assertThat(json.readTree(replaced.body()).get("groups")).isEmpty();

        assertThat(json.readTree(send("GET", "/status-pages", null).body())).hasSize(1);
        assertThat(send("DELETE", "/status-pages/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/status-pages/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void invalidStatusPagesAreRefusedNamingEveryField() throws Exception {
        HttpResponse<String> response = send("POST", "/status-pages", """
                {"slug": "Not A Slug", "title": " ", "monitor_ids": [%d, %d, 999999],
                 "groups": [{"name": "", "monitor_ids": []}]}""".formatted(api, api));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(fields(response)).containsExactlyInAnyOrder("slug", "title", "monitor_ids[1]", "groups[0].name");

        HttpResponse<String> unknownMonitor = send("POST", "/status-pages", """
                {"slug": "ok", "title": "Ok", "monitor_ids": [%d, 999999]}""".formatted(api));
        assertThat(unknownMonitor.statusCode()).isEqualTo(400);
        assertThat(fields(unknownMonitor)).containsExactly("monitor_ids[1]");

        HttpResponse<String> unknownField = send("POST", "/status-pages", """
                {"slug": "ok", "title": "Ok", "theme": "dark"}""");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(fields(unknownField)).containsExactly("theme");

        assertThat(jdbc.sql("SELECT count(*) FROM status_pages")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aTagGroupShowsTheMonitorsCarryingItsTagWhenThePageIsRead() throws Exception {
        tag(api, "team:core");
        tag(db, "team:core", "tier:1");
        HttpResponse<String> created = send("POST", "/status-pages", """
                {"slug": "acme", "title": "Acme", "monitor_ids": [%d],
                 "groups": [{"name": "Core", "tag": "team"}, {"name": "Listed", "monitor_ids": [%d]},
                            {"name": "Tier 1", "tag": "tier:1"}]}""".formatted(paused, api));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode groups = json.readTree(created.body()).get("groups");
        assertThat(groups).extracting(g -> g.get("name").asString()).containsExactly("Core", "Listed", "Tier 1");
        assertThat(groups.get(0).get("tag").asString()).isEqualTo("team");
        assertThat(groups.get(1).get("monitor_ids").toString()).isEqualTo("[" + api + "]");

        JsonNode page = json.readTree(anonymous("/status/acme/summary.json").body());
        assertThat(page.get("groups"))
                .extracting(g -> g.get("name").isNull() ? null : g.get("name").asString())
                .containsExactly(null, "Core", "Listed", "Tier 1");
        // A key matches every key:value, by name; a monitor may be listed and tagged.
        assertThat(page.get("groups").get(1).get("monitors"))
                .extracting(m -> m.get("name").asString())
                .containsExactly("Database", "Public API");
        assertThat(page.get("groups").get(3).get("monitors"))
                .extracting(m -> m.get("name").asString())
                .containsExactly("Database");
        assertThat(page.get("overall").asString()).isEqualTo("PARTIAL_OUTAGE");
        assertThat(page.get("recent_changes")).hasSize(1);
        assertThat(anonymous("/status/acme/badges/" + db + "/status.svg").statusCode())
                .isEqualTo(200);

        long later = monitor("Cache", "https://cache.corp.example/", "UP", true, "-");
        assertThat(anonymous("/status/acme/badges/" + later + "/status.svg").statusCode())
                .isEqualTo(404);
        tag(later, "team:core");
        clock.advance(properties.cacheTtl().plusSeconds(1));
        assertThat(json.readTree(anonymous("/status/acme/summary.json").body())
                        .get("groups")
                        .get(1)
                        .get("monitors"))
                .extracting(m -> m.get("name").asString())
                .containsExactly("Cache", "Database", "Public API");
        assertThat(anonymous("/status/acme/badges/" + later + "/status.svg").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aGroupListsMonitorsOrNamesAValidTagNotBoth() throws Exception {
        HttpResponse<String> response = send("POST", "/status-pages", """
                {"slug": "acme", "title": "Acme",
                 "groups": [{"name": "Both", "tag": "team:core", "monitor_ids": [%d]},
                            {"name": "Bad", "tag": "Team Core"}]}""".formatted(api));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(fields(response)).containsExactlyInAnyOrder("groups[0].tag", "groups[1].tag");
        assertThat(jdbc.sql("SELECT count(*) FROM status_page_tag_groups")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aTakenSlugIsAConflictNamingTheSlug() throws Exception {
        assertThat(send("POST", "/status-pages", "{\"slug\": \"acme\", \"title\": \"A\"}")
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<String> again = send("POST", "/status-pages", "{\"slug\": \"acme\", \"title\": \"B\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(fields(again)).containsExactly("slug");
    }

    @Test
    void managingStatusPagesNeedsAKeyButThePublicPageAndBadgesDoNot() throws Exception {
        createPage();

        assertThat(anonymous("/status-pages").statusCode()).isEqualTo(401);
        assertThat(anonymous("/events").statusCode()).isEqualTo(401);
        HttpResponse<String> html = anonymous("/status/acme");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(html.headers().firstValue("Cache-Control")).hasValue("max-age=30, public");
        assertThat(anonymous("/status/acme/summary.json").statusCode()).isEqualTo(200);
        assertThat(anonymous("/status/acme/badges/" + api + "/status.svg").statusCode())
                .isEqualTo(200);
        assertThat(anonymous("/").statusCode()).isEqualTo(200);
        assertThat(anonymous("/assets/app.js").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownSlugIsANotFoundPageForBrowsersAndAProblemForOthers() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/status/nobody"))
                        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                        .build(),
                BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Status page not found");
        HttpResponse<String> problem = anonymous("/status/nobody");
        assertThat(problem.statusCode()).isEqualTo(404);
        assertThat(problem.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous("/status/nobody/summary.json").statusCode()).isEqualTo(404);
    }

    @Test
    void thePublicSummaryShowsStatusesAndUptimesButNothingInternal() throws Exception {
        createPage();

        HttpResponse<String> response = anonymous("/status/acme/summary.json");

        assertThat(response.body())
                .doesNotContain("corp.example")
                .doesNotContain("10.0.0.7")
                .doesNotContain("hooks.slack.com")
                .doesNotContain("refused");
        JsonNode page = json.readTree(response.body());
        assertThat(page.get("title").asString()).isEqualTo("Acme");
        assertThat(page.get("overall").asString()).isEqualTo("PARTIAL_OUTAGE");
        JsonNode monitors = page.get("groups").get(0).get("monitors");
        assertThat(monitors).extracting(m -> m.get("status").asString()).containsExactly("UP", "DOWN", "PAUSED");
        JsonNode apiMonitor = monitors.get(0);
        assertThat(apiMonitor.get("name").asString()).isEqualTo("Public API");
        // 24 checks, 3 failures over 90 days.
        assertThat(apiMonitor.get("uptime_90d").decimalValue()).isEqualByComparingTo("87.500");
        JsonNode days = apiMonitor.get("days");
        assertThat(days).hasSize(90);
        assertThat(days.get(0).get("day").asString()).isEqualTo("2025-12-11");
        assertThat(days.get(87).get("uptime_percent").decimalValue()).isEqualByComparingTo("90");
        assertThat(days.get(87).get("incidents").asLong()).isEqualTo(1);
        assertThat(days.get(88).get("uptime_percent").decimalValue()).isEqualByComparingTo("100");
        assertThat(days.get(89).get("uptime_percent").decimalValue()).isEqualByComparingTo("50");
        assertThat(days.get(86).get("uptime_percent").isNull()).isTrue();
        assertThat(monitors.get(1).get("days").get(89).get("incidents").asLong())
                .isEqualTo(1);
        assertThat(page.get("recent_changes")).singleElement().satisfies(change -> {
            assertThat(change.get("monitor_name").asString()).isEqualTo("Database");
            assertThat(change.get("new_status").asString()).isEqualTo("DOWN");
        });
    }

    @Test
    void thePublicPageIsRenderedOnTheServerWithTitleStatusesAndUptimesForReadersWithoutJavaScript() throws Exception {
        HttpResponse<String> created = send("POST", "/status-pages", """
                {"slug": "acme", "title": "Acme", "description": "Our services",
                 "monitor_ids": [%d], "groups": [{"name": "Storage", "monitor_ids": [%d, %d]}]}""".formatted(api, db, paused));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        HttpResponse<String> response = anonymous("/status/acme");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        Document page = Jsoup.parse(response.body());
        assertThat(page.title()).isEqualTo("Acme status");
        assertThat(page.selectFirst("meta[property=og:title]").attr("content")).isEqualTo("Acme");
        assertThat(page.selectFirst("meta[property=og:description]").attr("content"))
                .isEqualTo("Partial outage. Our services");
        assertThat(page.selectFirst("meta[name=description]").attr("content"))
                .isEqualTo("Partial outage. Our services");
        assertThat(page.selectFirst("h1").text()).isEqualTo("Acme");
        assertThat(page.selectFirst("p.description").text()).isEqualTo("Our services");
        assertThat(page.getElementById("overall").text()).isEqualTo("Partial outage");
        assertThat(page.select("section.group h2")).extracting(Element::text).containsExactly("Storage");
        assertThat(page.select(".service"))
                .extracting(service -> service.attr("data-monitor-id") + " "
                        + service.selectFirst("h3").text() + ": "
                        + service.selectFirst(".status").text() + ", "
                        + service.selectFirst(".uptime").text())
                .containsExactly(
                        api + " Public API: ▲ Up, 87.50% uptime (90 days)",
                        db + " Database: ▼ Down, — uptime (90 days)",
                        paused + " Legacy: ❚❚ Paused, — uptime (90 days)");
        assertThat(page.select(".changes li")).singleElement().satisfies(change -> {
            assertThat(change.text()).isEqualTo("2026-03-10 10:05:00 UTC · Database: ▲ Up → ▼ Down");
            assertThat(change.selectFirst("time").attr("datetime")).isEqualTo("2026-03-10T10:05:00Z");
        });
        assertThat(page.select("script")).singleElement().satisfies(script -> assertThat(script.attr("src"))
                .isEqualTo("/assets/status.js"));
        assertThat(response.body())
                .doesNotContain("corp.example")
                .doesNotContain("10.0.0.7")
                .doesNotContain("hooks.slack.com");
    }

    @Test
    void aPageWithoutADescriptionShowsNoneRatherThanNull() throws Exception {
        createPage();

        HttpResponse<String> response = anonymous("/status/acme");

        Document page = Jsoup.parse(response.body());
        assertThat(page.select(".description")).isEmpty();
        assertThat(page.selectFirst("meta[property=og:description]").attr("content"))
                .isEqualTo("Partial outage.");
        assertThat(response.body()).doesNotContainIgnoringCase("null");
    }

    @Test
    void namesWrittenLikeMarkupStayTextOnThePublicPage() throws Exception {
        long hostile = monitor("<script>alert(1)</script>", "https://x.example/", "UP", true, "-");
        HttpResponse<String> created = send("POST", "/status-pages", """
                {"slug": "acme", "title": "<b>Acme</b> & 'friends'", "description": "<img src=x onerror=alert(2)>",
                 "monitor_ids": [%d], "groups": [{"name": "<i>Core</i>", "monitor_ids": [%d]}]}""".formatted(hostile, api));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        HttpResponse<String> response = anonymous("/status/acme");

        assertThat(response.body())
                .doesNotContain("<script>alert")
                .doesNotContain("<b>Acme")
                .doesNotContain("<img")
                .doesNotContain("<i>Core")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        Document page = Jsoup.parse(response.body());
        assertThat(page.title()).isEqualTo("<b>Acme</b> & 'friends' status");
        assertThat(page.selectFirst("meta[property=og:title]").attr("content")).isEqualTo("<b>Acme</b> & 'friends'");
        assertThat(page.selectFirst("p.description").text()).isEqualTo("<img src=x onerror=alert(2)>");
        assertThat(page.select(".service h3"))
                .extracting(Element::text)
                .containsExactly("<script>alert(1)</script>", "Public API");
        assertThat(page.select("section.group h2")).extracting(Element::text).containsExactly("<i>Core</i>");
        assertThat(page.select("script, img, b, i")).hasSize(1);
    }

    @Test
    void theSummaryIsReusedForItsTtlWithoutQueryingAgainAndAChangeToThePageShowsAtOnce() throws Exception {
        createPage();
        assertThat(firstMonitorName()).isEqualTo("Public API");

        // Changed behind the API's back: only queries that run again can see it.
        jdbc.sql("UPDATE monitors SET name = 'Renamed API' WHERE id = :id")
                .param("id", api)
                .update();
        clock.advance(properties.cacheTtl().minusSeconds(1));
        assertThat(firstMonitorName()).as("within the TTL: no queries ran").isEqualTo("Public API");
        assertThat(Jsoup.parse(anonymous("/status/acme").body())
                        .selectFirst(".service h3")
                        .text())
                .as("the HTML page renders the same cached data")
                .isEqualTo("Public API");

        clock.advance(Duration.ofSeconds(2));
        assertThat(firstMonitorName()).as("past the TTL: read again").isEqualTo("Renamed API");

        HttpResponse<String> replaced = send("PUT", "/status-pages/" + pageId("acme"), """
                {"slug": "acme", "title": "Acme, renamed", "monitor_ids": [%d]}""".formatted(db));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode changed = json.readTree(anonymous("/status/acme/summary.json").body());
        assertThat(changed.get("title").asString()).isEqualTo("Acme, renamed");
        assertThat(changed.get("groups").get(0).get("monitors"))
                .extracting(m -> m.get("name").asString())
                .containsExactly("Database");

        assertThat(send("DELETE", "/status-pages/" + pageId("acme"), null).statusCode())
                .isEqualTo(204);
        assertThat(anonymous("/status/acme/summary.json").statusCode()).isEqualTo(404);
    }

    @Test
    void badgesAreCacheableSvgForMonitorsOnThePageOnly() throws Exception {
        createPage();
        String base = "/status/acme/badges/" + api;

        HttpResponse<String> status = anonymous(base + "/status.svg");
        assertThat(status.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
        assertThat(status.headers().firstValue("Cache-Control")).hasValue("max-age=60, public");
        assertThat(status.body())
                .startsWith("<svg")
                .contains(">Public API</text>")
                .contains(">up</text>");
        assertThat(anonymous(base + "/uptime.svg?window=24h").body())
                .contains(">uptime 24h</text>")
                .contains(">50%</text>");
        assertThat(anonymous(base + "/response-time.svg?window=24h").body()).contains(">100 ms</text>");
        assertThat(anonymous(base + "/uptime.svg?window=1y").statusCode()).isEqualTo(400);

        long other = monitor("Not on the page", "https://x.example/", "UP", true, "-");
        assertThat(anonymous("/status/acme/badges/" + other + "/status.svg").statusCode())
                .isEqualTo(404);
    }

    // --- helpers ---

    private String firstMonitorName() throws Exception {
        HttpResponse<String> summary = anonymous("/status/acme/summary.json");
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        return json.readTree(summary.body())
                .get("groups")
                .get(0)
                .get("monitors")
                .get(0)
                .get("name")
                .asString();
    }

    private long pageId(String slug) {
        return jdbc.sql("SELECT id FROM status_pages WHERE slug = :slug")
                .param("slug", slug)
                .query(Long.class)
                .single();
    }

    private void createPage() throws Exception {
        HttpResponse<String> response = send("POST", "/status-pages", """
                {"slug": "acme", "title": "Acme", "monitor_ids": [%d, %d, %d]}""".formatted(api, db, paused));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private long monitor(String name, String url, String status, boolean enabled, String error) {
        long id = fixtures.create("name", name, "url", url, "enabled", enabled);
        fixtures.workerState(id, MonitorStatus.valueOf(status), Instant.parse("2026-03-10T10:05:00Z"), error);
        return id;
    }

    private void tag(long id, String... tags) {
        jdbc.sql("UPDATE monitors SET tags = CAST(:tags AS TEXT[]) WHERE id = :id")
                .param("tags", "{" + String.join(",", tags) + "}")
                .param("id", id)
                .update();
    }

    private void daily(long id, String day, int checks, int failures, int incidents) {
        jdbc.sql("""
                        INSERT INTO check_rollups_daily (monitor_id, day, checks, failures, latency_count, latency_sum,
                                                         downtime_seconds, incidents)
                        VALUES (:id, CAST(:day AS DATE)::timestamp AT TIME ZONE 'UTC', :checks, :failures, 0, 0, 0,
                                :incidents)""")
                .param("id", id)
                .param("day", day)
                .param("checks", checks)
                .param("failures", failures)
                .param("incidents", incidents)
                .update();
    }

    private List<String> fields(HttpResponse<String> response) {
        return json.readTree(response.body())
                .get("errors")
                .valueStream()
                .map(e -> e.get("field").asString())
                .toList();
    }

    private HttpResponse<String> anonymous(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-API-Key", KEY);
        if (body == null) {
            request.method(method, BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body));
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
