package com.healthmonitor.standalone.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.StubServer.Reply;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard and the public status pages in a real (headless) Chromium, against the whole system running as the
 * standalone runs it: worker, scheduler and API as separate applications sharing only PostgreSQL and the queue, so
 * a status change reaches the page across "processes" through LISTEN/NOTIFY. API keys are on, and a managed read key
 * is offered no change. The README's screenshots are written to docs/screenshots, others to target/screenshots; axe-core
 * checks every page for accessibility ({@link Accessibility}).
 */
class DashboardBrowserTest extends BrowserTest {

    /** Some company for the monitors under test, so that the screenshots show a fleet. */
    @BeforeAll
    static void aFleet() throws Exception {
        createByApi("Payments API", Reply.ok());
        createByApi("Search", Reply.ok());
        createByApi("Legacy reports", Reply.status(503));
    }

    @Test
    void theContentSecurityPolicyRefusesAnInlineScript() {
        driver.get(base + "/");
        waitFor(By.tagName("main"));

        Object ran = driver.executeScript("""
                const script = document.createElement('script');
                script.textContent = 'window.inlineRan = true';
                document.head.append(script);
                return window.inlineRan === true;""");

        assertThat(ran).isEqualTo(false);
        assertThat(Browser.contentSecurityPolicyViolations(driver))
                .anySatisfy(message -> assertThat(message).contains("inline script"));
    }

    @Test
    void swaggerUiRendersUnderItsOwnPolicy() {
        driver.get(base + "/swagger-ui/index.html");

        wait(UI_WAIT)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".swagger-ui"), "/monitors"));
    }

    @Test
    void withoutAKeyTheDashboardShowsOnlyTheKeyPrompt() {
        driver.get(base + "/");
        driver.executeScript("sessionStorage.clear()");
        driver.navigate().refresh();

        WebElement input = waitFor(By.id("api-key"));
        assertThat(driver.findElements(By.cssSelector("table"))).isEmpty();
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("Payments API");

        input.sendKeys("not-the-key");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(UI_WAIT).until(ExpectedConditions.textToBe(By.id("api-key-error"), "That key was not accepted."));
        assertThat(driver.findElements(By.cssSelector("table"))).isEmpty();

        driver.findElement(By.id("api-key")).sendKeys(KEY);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(By.cssSelector("table.monitors caption"));
        assertThat(driver.executeScript("return sessionStorage.getItem('health-monitor-api-key')"))
                .isEqualTo(KEY);
        assertThat(driver.manage().getCookies()).isEmpty();
    }

    @Test
    void aMonitorCreatedThroughTheFormTurnsUpAndThenDownWithoutAReload() throws Exception {
        signIn();
        String path = "/target/browser-" + SEQUENCE.incrementAndGet();
        stub.script(path, Reply.ok());
        driver.get(base + "/#/monitors/new");
        waitFor(By.id("field-name")).sendKeys("Checkout");
        driver.findElement(By.id("field-url")).sendKeys(stub.url(path));
        replace(By.id("field-check_interval"), "2");
        replace(By.id("field-timeout"), "1");
        driver.findElement(By.id("save-monitor")).click();

        wait(UI_WAIT).until(ExpectedConditions.urlMatches("#/monitors/\\d+$"));
        long id = Long.parseLong(driver.getCurrentUrl().replaceAll(".*#/monitors/", ""));
        // The monitor page updates itself when the status changes.
        wait(UI_WAIT).until(ExpectedConditions.attributeToBe(By.id("monitor-status"), "data-status", "UP"));

        driver.get(base + "/#/");
        By statusCell = By.cssSelector("tr[data-monitor-id='" + id + "'] .status-cell");
        wait(UI_WAIT).until(ExpectedConditions.textToBePresentInElementLocated(statusCell, "Up"));
        // Marks this page load, and notes when the row first says Down.
        driver.executeScript("""
                window.sameLoad = true;
                new MutationObserver(() => {
                  const cell = document.querySelector("tr[data-monitor-id='%d'] .status-cell");
                  if (cell && cell.textContent.includes('Down') && !window.downSeenAt) window.downSeenAt = Date.now();
                }).observe(document.getElementById('main'), {subtree: true, childList: true, characterData: true});""".formatted(id));

        stub.script(path, Reply.status(503));

        wait(UI_WAIT).until(ExpectedConditions.textToBePresentInElementLocated(statusCell, "Down"));
        assertThat(driver.executeScript("return window.sameLoad")).isEqualTo(true);
        long seenAt = ((Number) driver.executeScript("return window.downSeenAt")).longValue();
        JsonNode change = json.readTree(api("GET", "/monitors/" + id + "/status-changes?limit=1", null)
                        .body())
                .get(0);
        assertThat(change.get("new_status").asString()).isEqualTo("DOWN");
        long latency =
                seenAt - Instant.parse(change.get("changed_at").asString()).toEpochMilli();
        System.out.println("[BENCHMARK] status change committed -> shown on the open dashboard: " + latency + " ms");
        assertThat(latency).isLessThan(5_000);
        Browser.screenshotForReadme(driver, "dashboard");

        driver.get(base + "/#/monitors/" + id);
        wait(UI_WAIT).until(ExpectedConditions.attributeToBe(By.id("monitor-status"), "data-status", "DOWN"));
        waitFor(By.cssSelector("#chart svg.chart"));
        waitFor(By.cssSelector("#changes table"));
        assertThat(driver.findElement(By.id("last-error")).getText()).contains("503");
        Browser.screenshotForReadme(driver, "monitor");
    }

    /**
     * A page whose event stream is refused (all the streams of its key are open) says so, and once the stream is back
     * shows what changed meanwhile: the changes in between are not replayed.
     */
    @Test
    void aMonitorPageShowsTheChangeItMissedWhileLiveUpdatesWereRefused() throws Exception {
        String path = "/target/browser-" + SEQUENCE.incrementAndGet();
        long id = createByApi("Inventory", path, Reply.ok());
        List<InputStream> held = new ArrayList<>();
        // No page of the dashboard keeps a stream open meanwhile.
        driver.get("about:blank");
        try {
            // The slots of streams that earlier pages left free at the next keep-alive; then all are held here.
            await().atMost(UI_WAIT).until(() -> {
                HttpResponse<InputStream> stream = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/events"))
                                .header("X-API-Key", KEY)
                                .build(),
                        BodyHandlers.ofInputStream());
                if (stream.statusCode() == 200) {
                    held.add(stream.body());
                } else {
                    stream.body().close();
                }
                return held.size() == STREAMS_PER_KEY;
            });
            signIn();
            driver.get(base + "/#/monitors/" + id);
            wait(UI_WAIT).until(ExpectedConditions.attributeToBe(By.id("monitor-status"), "data-status", "UP"));
            wait(UI_WAIT).until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "reconnecting"));

            stub.script(path, Reply.status(503));
            await().atMost(UI_WAIT).until(() -> statusOf(id).equals("DOWN"));
            assertThat(driver.findElement(By.id("monitor-status")).getAttribute("data-status"))
                    .isEqualTo("UP");
        } finally {
            for (InputStream stream : held) {
                stream.close();
            }
        }

        wait(UI_WAIT).until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "on"));
        wait(UI_WAIT).until(ExpectedConditions.attributeToBe(By.id("monitor-status"), "data-status", "DOWN"));
    }

    @Test
    void aTcpMonitorCreatedThroughTheFormShowsItsTypeAndTarget() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            signIn();
            driver.get(base + "/#/monitors/new");
            waitFor(By.id("field-name")).sendKeys("Orders DB");
            new Select(driver.findElement(By.id("field-type"))).selectByValue("tcp");
            // Only the tcp fields show.
            assertThat(driver.findElement(By.id("field-url")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("field-expected_status_codes")).isDisplayed())
                    .isFalse();
            assertThat(driver.findElement(By.id("field-period")).isDisplayed()).isFalse();
            waitFor(By.id("field-host")).sendKeys("127.0.0.1");
            driver.findElement(By.id("field-port")).sendKeys(Integer.toString(listener.getLocalPort()));
            replace(By.id("field-check_interval"), "2");
            replace(By.id("field-timeout"), "1");
            driver.findElement(By.id("save-monitor")).click();

            wait(UI_WAIT).until(ExpectedConditions.urlMatches("#/monitors/\\d+$"));
            long id = Long.parseLong(driver.getCurrentUrl().replaceAll(".*#/monitors/", ""));
            String target = "tcp://127.0.0.1:" + listener.getLocalPort();
            assertThat(waitFor(By.id("monitor-type")).getText()).isEqualTo("tcp");
            assertThat(driver.findElement(By.id("monitor-target")).getText()).isEqualTo(target);
            wait(UI_WAIT).until(ExpectedConditions.attributeToBe(By.id("monitor-status"), "data-status", "UP"));
            assertThat(driver.findElements(By.id("ping-url"))).isEmpty();

            driver.get(base + "/#/");
            By row = By.cssSelector("tr[data-monitor-id='" + id + "'] td.url");
            wait(UI_WAIT).until(ExpectedConditions.textToBePresentInElementLocated(row, "tcp " + target));
        }
    }

    @Test
    void aHeartbeatCreatedThroughTheFormShowsItsPingUrlToCopyAndACronExample() throws Exception {
        signIn();
        driver.get(base + "/#/monitors/new");
        waitFor(By.id("field-name")).sendKeys("Nightly <b>backup</b>");
        new Select(driver.findElement(By.id("field-type"))).selectByValue("heartbeat");
        assertThat(driver.findElement(By.id("field-check_interval")).isDisplayed())
                .isFalse();
        assertThat(driver.findElement(By.id("field-host")).isDisplayed()).isFalse();
        replace(By.id("field-period"), "86400");
        replace(By.id("field-grace"), "3600");
        driver.findElement(By.id("save-monitor")).click();

        wait(UI_WAIT).until(ExpectedConditions.urlMatches("#/monitors/\\d+$"));
        assertThat(waitFor(By.id("monitor-title")).getText()).startsWith("Nightly <b>backup</b>");
        assertThat(driver.findElement(By.id("monitor-type")).getText()).isEqualTo("heartbeat");
        assertThat(driver.findElement(By.id("monitor-target")).getText()).isEqualTo("heartbeat every 1 d, grace 1 h");
        assertThat(driver.findElement(By.id("last-ping")).getText()).isEqualTo("never");
        wait(UI_WAIT).until(ExpectedConditions.textToBe(By.id("pings"), "No pings yet."));
        String pingUrl = waitFor(By.id("ping-url")).getText();
        assertThat(pingUrl).startsWith(base + "/ping/");
        assertThat(driver.findElement(By.id("copy-ping-url")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("ping-curl")).getText())
                .isEqualTo("0 3 * * * backup.sh && curl -fsS -m 10 \"" + pingUrl + "\"");
        Browser.screenshot(driver, "heartbeat");

        // The URL shown is the one that works, without a key.
        HttpResponse<String> ping =
                http.send(HttpRequest.newBuilder(URI.create(pingUrl)).build(), BodyHandlers.ofString());
        assertThat(ping.statusCode()).isEqualTo(200);
        driver.navigate().refresh();
        wait(UI_WAIT).until(ExpectedConditions.attributeToBe(By.id("monitor-status"), "data-status", "UP"));
        assertThat(driver.findElement(By.id("last-ping")).getText()).isNotEqualTo("never");
        // A heartbeat has no latency: its page shows the pings and its uptime, no response-time chart.
        wait(UI_WAIT)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#ping-results tbody"), "ping received"));
        assertThat(driver.findElements(By.cssSelector("#pings svg.heartbeats rect.ok")))
                .hasSize(1);
        assertThat(driver.findElements(By.cssSelector("#chart, svg.chart, canvas")))
                .isEmpty();
        assertThat(waitFor(By.cssSelector("#stats thead")).getText())
                .contains("Uptime", "Pings", "Missed or failed")
                .doesNotContain("p95");

        // Pausing sends back the heartbeat's own fields only (the API refuses another type's).
        driver.findElement(By.id("toggle-enabled")).click();
        wait(UI_WAIT).until(ExpectedConditions.textToBe(By.id("toggle-enabled"), "Resume"));
    }

    @Test
    void aBadUrlShowsTheApisValidationErrorNextToTheField() {
        signIn();
        driver.get(base + "/#/monitors/new");
        waitFor(By.id("field-name")).sendKeys("Bad");
        driver.findElement(By.id("field-url")).sendKeys("ftp://example.com/file");
        driver.findElement(By.id("save-monitor")).click();

        wait(UI_WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("error-url"), "http"));
        assertThat(driver.findElement(By.id("field-url")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(driver.findElement(By.id("error-name")).getText()).isEmpty();
        assertThat(driver.getCurrentUrl()).endsWith("#/monitors/new");
    }

    /**
     * A status page built in the editor: monitors picked by name through the server's search, reordered with the
     * buttons, a group added, the API's field error shown next to its field; then the page is public, in that order,
     * without a key, rendered on the server, and serves badges.
     */
    @Test
    void aMonitorWithTwoAssertionsAndAChannelMadeInTheFormIsCheckedWithThemAndAlertsTheChannel() throws Exception {
        String path = "/target/browser-" + SEQUENCE.incrementAndGet();
        stub.script(path, jsonReply("{\"status\": \"UP\", \"queue\": 3}"));
        String hook = path + "-hook";
        stub.script(hook, Reply.ok());
        HttpResponse<String> channel = api("POST", "/channels", """
                {"name": "On-call %s", "type": "webhook", "url": "%s"}""".formatted(path, stub.url(hook)));
        assertThat(channel.statusCode()).as(channel.body()).isEqualTo(201);
        long channelId = json.readTree(channel.body()).get("id").asLong();

        signIn();
        driver.get(base + "/#/monitors/new");
        waitFor(By.id("field-name")).sendKeys("Queue API");
        driver.findElement(By.id("field-url")).sendKeys(stub.url(path));
        replace(By.id("field-check_interval"), "2");
        replace(By.id("field-timeout"), "1");
        driver.findElement(By.id("add-assertion")).click();
        new Select(waitFor(By.id("assertion-type-0"))).selectByValue("json_path");
        driver.findElement(By.id("assertion-path-0")).sendKeys("$.status");
        driver.findElement(By.id("assertion-value-0")).sendKeys("UP");
        driver.findElement(By.id("add-assertion")).click();
        new Select(waitFor(By.id("assertion-type-1"))).selectByValue("body_contains");
        driver.findElement(By.id("assertion-value-1")).sendKeys("queue");
        waitFor(By.id("channel-" + channelId)).click();
        Browser.screenshotForReadme(driver, "monitor-form");
        driver.findElement(By.id("save-monitor")).click();

        wait(UI_WAIT).until(ExpectedConditions.urlMatches("#/monitors/\\d+$"));
        long id = Long.parseLong(driver.getCurrentUrl().replaceAll(".*#/monitors/", ""));
        wait(UI_WAIT).until(ExpectedConditions.attributeToBe(By.id("monitor-status"), "data-status", "UP"));
        JsonNode saved = json.readTree(api("GET", "/monitors/" + id, null).body());
        assertThat(saved.get("assertions")).hasSize(2);
        assertThat(saved.get("assertions").get(0).get("path").asString()).isEqualTo("$.status");
        assertThat(saved.get("assertions").get(1).get("value").asString()).isEqualTo("queue");
        assertThat(saved.get("channel_ids").get(0).asLong()).isEqualTo(channelId);

        // Still 200, but the JSON no longer holds: the assertion fails the checks, and the channel hears of it.
        stub.script(path, jsonReply("{\"status\": \"DEGRADED\", \"queue\": 3}"));
        wait(UI_WAIT).until(ExpectedConditions.attributeToBe(By.id("monitor-status"), "data-status", "DOWN"));
        await().atMost(UI_WAIT).until(() -> stub.requests(hook).stream().anyMatch(r -> "DOWN"
                .equals(json.readTree(r.body()).path("new_status").asString(""))));
    }

    @Test
    void editingAMonitorInTheFormKeepsItsMaskedHeaderSecret() throws Exception {
        String path = "/target/browser-" + SEQUENCE.incrementAndGet();
        stub.script(path, Reply.ok());
        String secret = "Bearer s3cr3t-" + path.hashCode() + "-token-value";
        HttpResponse<String> created = api("POST", "/monitors", """
                {"name": "Billing", "url": "%s", "check_interval": 2, "timeout": 1,
                 "headers": {"Authorization": "%s"}}""".formatted(stub.url(path), secret));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();

        signIn();
        driver.get(base + "/#/monitors/" + id + "/edit");
        WebElement headerValue = waitFor(By.id("header-value-0"));
        assertThat(headerValue.getAttribute("value")).doesNotContain("s3cr3t").contains("*");
        replace(By.id("field-name"), "Billing API");
        driver.findElement(By.id("save-monitor")).click();
        wait(UI_WAIT).until(ExpectedConditions.urlMatches("#/monitors/" + id + "$"));

        JsonNode saved = json.readTree(api("GET", "/monitors/" + id, null).body());
        assertThat(saved.get("name").asString()).isEqualTo("Billing API");
        // Checks after the save still send the stored secret, not its mask.
        int before = stub.requests(path).size();
        await().atMost(UI_WAIT).until(() -> stub.requests(path).size() > before + 1);
        assertThat(stub.requests(path).getLast().header("Authorization")).isEqualTo(secret);
    }

    @Test
    void anAssertionWithoutItsPathShowsTheApisErrorNextToTheAssertions() {
        signIn();
        driver.get(base + "/#/monitors/new");
        waitFor(By.id("field-name")).sendKeys("No path");
        driver.findElement(By.id("field-url")).sendKeys(stub.url("/target/no-path"));
        driver.findElement(By.id("add-assertion")).click();
        new Select(waitFor(By.id("assertion-type-0"))).selectByValue("json_path");
        driver.findElement(By.id("save-monitor")).click();

        wait(UI_WAIT)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("error-assertions"), "assertions[0].path"));
        assertThat(driver.findElement(By.id("field-assertions")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(driver.findElement(By.id("error-url")).getText()).isEmpty();
        assertThat(driver.getCurrentUrl()).endsWith("#/monitors/new");
    }

    @Test
    void aStatusPageBuiltByPickingMonitorsByNameShowsThemPubliclyInTheChosenOrder() throws Exception {
        long payments = idOf("Payments API");
        signIn();
        driver.get(base + "/#/status-pages");
        waitFor(By.id("new-status-page")).click();
        waitFor(By.id("field-slug")).sendKeys("Acme!");
        driver.findElement(By.id("field-title")).sendKeys("Acme services");
        driver.findElement(By.id("field-description")).sendKeys("Live status of the Acme platform");
        pick("field-monitor_ids", "payments", "Payments API");
        pick("field-monitor_ids", "LEGACY", "Legacy reports");
        assertThat(picked("#section-ungrouped")).containsExactly("Payments API", "Legacy reports");

        driver.findElement(By.cssSelector("button[aria-label='Move Legacy reports up']"))
                .click();
        assertThat(picked("#section-ungrouped")).containsExactly("Legacy reports", "Payments API");
        // Keyboard users keep their place: the moved monitor's other button once it reached the top.
        assertThat(driver.switchTo().activeElement().getAttribute("aria-label")).isEqualTo("Move Legacy reports down");
        driver.findElement(By.id("add-group")).click();
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("field-groups-0-name");
        driver.findElement(By.id("field-groups-0-name")).sendKeys("Discovery");
        pick("field-groups-0-monitor_ids", "search", "Search");
        Browser.screenshotForReadme(driver, "status-page-editor");
        Accessibility.assertNoSeriousAccessibilityViolations(driver);

        driver.findElement(By.id("save-status-page")).click();
        wait(UI_WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("error-slug"), "lowercase"));
        assertThat(driver.findElement(By.id("field-slug")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        replace(By.id("field-slug"), "acme");
        driver.findElement(By.id("save-status-page")).click();
        wait(UI_WAIT).until(ExpectedConditions.urlMatches("#/status-pages/\\d+$"));
        wait(UI_WAIT).until(d -> picked("#section-ungrouped").equals(List.of("Legacy reports", "Payments API")));
        assertThat(driver.findElement(By.id("field-groups-0-name")).getAttribute("value"))
                .isEqualTo("Discovery");

        driver.executeScript("sessionStorage.clear()");
        waitFor(By.id("preview-link")).click();
        wait(UI_WAIT).until(ExpectedConditions.urlToBe(base + "/status/acme"));
        assertThat(waitFor(By.id("overall")).getText()).isEqualTo("Partial outage");
        assertThat(driver.findElements(By.cssSelector(".service h3")))
                .extracting(WebElement::getText)
                .containsExactly("Legacy reports", "Payments API", "Search");
        assertThat(driver.findElement(By.cssSelector("section.group h2")).getText())
                .isEqualTo("Discovery");
        // The script adds the 90-day bars to what the server rendered.
        wait(UI_WAIT)
                .until(d ->
                        d.findElements(By.cssSelector(".service svg.days rect")).size() == 3 * 90);
        assertThat(driver.getPageSource()).doesNotContain("127.0.0.1").doesNotContain("/target/");
        Browser.screenshotForReadme(driver, "status-page");
        Accessibility.assertNoSeriousAccessibilityViolations(driver);

        // As curl, a crawler or a link preview reads it: no JavaScript.
        HttpResponse<String> html = http.send(
                HttpRequest.newBuilder(URI.create(base + "/status/acme")).build(), BodyHandlers.ofString());
        assertThat(html.body())
                .contains("<title>Acme services status</title>")
                .contains("Partial outage")
                .contains("Legacy reports", "Payments API", "Search");

        HttpResponse<String> badge = http.send(
                HttpRequest.newBuilder(URI.create(base + "/status/acme/badges/" + payments + "/status.svg"))
                        .build(),
                BodyHandlers.ofString());
        assertThat(badge.statusCode()).isEqualTo(200);
        assertThat(badge.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(badge.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(c -> assertThat(c).contains("max-age"));
        assertThat(badge.body()).contains("Payments API");

        driver.get(base + "/status/nobody-here");
        assertThat(waitFor(By.tagName("h1")).getText()).isEqualTo("Status page not found");
    }

    /**
     * axe-core finds no serious or critical violation on any page, in light and in dark mode: each view of the router
     * (api-service's static/assets/router.js) and the public pages. The key prompt, the list, a monitor (http, and a
     * heartbeat with its ping URL shown), the monitor form (new, and editing headers and assertions), the status pages
     * and their editor, channels (the list, its delete dialog, the form with the API's errors, editing), maintenance
     * windows (the list with one active, the form with search results, editing), the daily summary (its form, and
     * what a read key sees), API keys (a new key shown), the dashboard's not-found view, a public status page and the
     * public not-found page.
     */
    @Test
    void everyPageHasNoSeriousAccessibilityViolationInLightOrDarkMode() throws Exception {
        long payments = idOf("Payments API");
        long legacy = idOf("Legacy reports");
        HttpResponse<String> created = api("POST", "/status-pages", """
                {"slug": "checked", "title": "Checked services", "description": "Everything we run",
                 "monitor_ids": [%d],
                 "groups": [{"name": "Reports", "monitor_ids": [%d]}, {"name": "Tagged", "tag": "team"}]}""".formatted(payments, legacy));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long page = json.readTree(created.body()).get("id").asLong();
        String hook = "/hooks/checked-" + SEQUENCE.incrementAndGet();
        stub.script(hook, Reply.ok());
        long channel = created(api("POST", "/channels", """
                {"name": "Checked webhook", "type": "webhook", "url": "%s",
                 "secret": "a-signing-secret-of-some-length"}""".formatted(stub.url(hook))));
        // So that the list shows a last delivery.
        assertThat(api("POST", "/channels/" + channel + "/test", null).statusCode())
                .isBetween(200, 299);
        stub.script(hook + "-target", jsonReply("{\"status\": \"UP\"}"));
        long edited = created(api("POST", "/monitors", """
                {"name": "Checked form", "url": "%s", "check_interval": 60,
                 "headers": {"Authorization": "Bearer checked-token-value"},
                 "assertions": [{"type": "json_path", "path": "$.status", "equals": "UP"},
                                {"type": "max_latency_ms", "value": 1500}],
                 "channel_ids": [%d]}""".formatted(stub.url(hook + "-target"), channel)));
        long heartbeat = created(api("POST", "/monitors", """
                {"type": "heartbeat", "name": "Checked heartbeat", "period": 86400, "grace": 3600}"""));
        long maintained = createByApi("Checked maintenance", Reply.ok());
        long window = created(api("POST", "/maintenance-windows", """
                {"monitor_ids": [%d], "reason": "Checked upgrade", "cron": "* * * * *", "duration_minutes": 60,
                 "time_zone": "UTC"}""".formatted(maintained)));
        String readKey =
                json.readTree(api("POST", "/api-keys", """
                                {"name": "checked reader", "scope": "read"}""").body()).get("key").asString();
        try {
            for (boolean dark : new boolean[] {false, true}) {
                Accessibility.prefersDarkColorScheme(driver, dark);
                driver.get(base + "/");
                driver.executeScript("sessionStorage.clear()");
                driver.navigate().refresh();
                waitFor(By.id("api-key"));
                Accessibility.assertNoSeriousAccessibilityViolations(driver);

                signIn();
                waitFor(By.cssSelector("tr[data-monitor-id='" + legacy + "']"));
                assertThat(driver.executeScript("return getComputedStyle(document.documentElement).backgroundColor"))
                        .isEqualTo(dark ? "rgb(18, 20, 23)" : "rgb(255, 255, 255)");
                Accessibility.assertNoSeriousAccessibilityViolations(driver);
                if (dark) {
                    Browser.screenshotForReadme(driver, "dashboard-dark");
                }
                checkAccessibility("/#/monitors/" + legacy, By.cssSelector("#chart svg.chart"));
                waitFor(By.cssSelector("#changes table, #changes p"));
                Accessibility.assertNoSeriousAccessibilityViolations(driver);
                checkAccessibility("/#/monitors/new", By.id("save-monitor"));
                checkAccessibility("/#/status-pages", By.cssSelector("#status-page-list ul"));
                checkAccessibility("/#/status-pages/new", By.id("save-status-page"));
                checkAccessibility("/#/status-pages/" + page, By.cssSelector("#section-ungrouped .picked-name"));
                checkAccessibility("/status/checked", By.cssSelector(".service svg.days"));
                if (dark) {
                    Browser.screenshotForReadme(driver, "status-page-dark");
                }
                checkAccessibility("/status/nobody-here", By.tagName("h1"));

                checkAccessibility("/#/no-such-view", By.linkText("Back to the monitors"));
                checkAccessibility("/#/monitors/" + edited + "/edit", By.id("assertion-type-1"));
                checkAccessibility("/#/monitors/" + heartbeat, By.id("rotate-ping-token"));
                driver.findElement(By.id("rotate-ping-token")).click();
                waitFor(By.id("ping-curl"));
                waitFor(By.cssSelector("#stats thead"));
                Accessibility.assertNoSeriousAccessibilityViolations(driver);

                checkAccessibility("/#/channels", By.cssSelector("tr[data-channel-id='" + channel + "'] .status"));
                driver.findElement(By.cssSelector("[data-delete-channel='" + channel + "']"))
                        .click();
                waitFor(By.id("confirm-cancel"));
                Accessibility.assertNoSeriousAccessibilityViolations(driver);
                driver.findElement(By.id("confirm-cancel")).click();
                checkAccessibility("/#/channels/" + channel + "/edit", By.id("field-secret"));
                driver.get(base + "/#/channels/new");
                waitFor(By.id("save-channel")).click();
                waitFor(By.cssSelector("#channel-form [aria-invalid='true']"));
                Accessibility.assertNoSeriousAccessibilityViolations(driver);

                checkAccessibility(
                        "/#/maintenance", By.cssSelector("tr[data-window-id='" + window + "'] [data-active]"));
                checkAccessibility("/#/maintenance/" + window + "/edit", By.cssSelector("#chosen-monitors li"));
                driver.get(base + "/#/maintenance/new");
                waitFor(By.id("field-monitor_ids")).sendKeys("Checked");
                waitFor(By.cssSelector("[data-add-monitor='" + maintained + "']"));
                Accessibility.assertNoSeriousAccessibilityViolations(driver);

                checkAccessibility("/#/settings/daily-summary", By.id("save-summary"));
                driver.get(base + "/#/api-keys");
                waitFor(By.id("field-name")).sendKeys("accessibility check");
                driver.findElement(By.id("create-api-key")).click();
                waitFor(By.id("new-key-secret"));
                waitFor(By.cssSelector("#api-key-list table"));
                Accessibility.assertNoSeriousAccessibilityViolations(driver);

                // What a read key is shown instead of the daily summary's form.
                signIn(readKey);
                checkAccessibility("/#/settings/daily-summary", By.id("summary-settings"));
            }
        } finally {
            Accessibility.prefersDarkColorScheme(driver, false);
            api("DELETE", "/status-pages/" + page, null);
            api("DELETE", "/maintenance-windows/" + window, null);
        }
    }

    @Test
    void aReadKeySeesTheMonitorsAndItsScopeButIsOfferedNoChange() throws Exception {
        HttpResponse<String> created = api("POST", "/api-keys", """
                {"name": "wall display", "scope": "read"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String readKey = json.readTree(created.body()).get("key").asString();
        long payments = idOf("Payments API");

        signIn(readKey);
        wait(UI_WAIT).until(ExpectedConditions.textToBe(By.id("scope"), "read"));
        assertThat(driver.findElement(By.id("signed-in")).getText()).contains("wall display");
        assertThat(driver.findElement(By.id("nav-new-monitor")).isDisplayed()).isFalse();
        waitFor(By.cssSelector("tr[data-monitor-id='" + payments + "']"));

        driver.get(base + "/#/monitors/" + payments);
        waitFor(By.id("monitor-status"));
        waitFor(By.cssSelector("#changes table, #changes p"));
        assertThat(driver.findElements(By.id("delete-monitor"))).isEmpty();
        assertThat(driver.findElements(By.id("toggle-enabled"))).isEmpty();
        assertThat(driver.findElements(By.linkText("Edit"))).isEmpty();

        driver.get(base + "/#/monitors/new");
        assertThat(waitFor(By.id("scope-refusal")).getText()).contains("read");
        assertThat(driver.findElements(By.id("save-monitor"))).isEmpty();

        driver.get(base + "/#/status-pages");
        wait(UI_WAIT)
                .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#status-page-list .loading")));
        assertThat(driver.findElements(By.id("new-status-page"))).isEmpty();
        driver.get(base + "/#/status-pages/new");
        assertThat(waitFor(By.id("scope-refusal")).getText()).contains("read");
        assertThat(driver.findElements(By.id("save-status-page"))).isEmpty();

        // The operator's key, by contrast, is an admin key and is offered everything.
        signIn(KEY);
        wait(UI_WAIT).until(ExpectedConditions.textToBe(By.id("scope"), "admin"));
        assertThat(driver.findElement(By.id("nav-new-monitor")).isDisplayed()).isTrue();
    }

    @Test
    void theListFiltersByStatusAndByName() throws Exception {
        long payments = idOf("Payments API");
        long legacy = idOf("Legacy reports");
        signIn();
        By paymentsRow = By.cssSelector("tr[data-monitor-id='" + payments + "']");
        By legacyRow = By.cssSelector("tr[data-monitor-id='" + legacy + "']");
        waitFor(paymentsRow);
        // Down first: the down one is pinned above the page as well.
        waitFor(By.cssSelector("#down-block tr[data-monitor-id='" + legacy + "']"));
        assertThat(driver.findElement(By.id("down-block")).getText())
                .startsWith("Down now")
                .doesNotContain("null");

        new Select(driver.findElement(By.id("filter-status"))).selectByValue("DOWN");
        wait(UI_WAIT).until(ExpectedConditions.invisibilityOfElementLocated(paymentsRow));
        assertThat(driver.findElement(legacyRow).isDisplayed()).isTrue();

        new Select(driver.findElement(By.id("filter-status"))).selectByValue("");
        driver.findElement(By.id("filter-name")).sendKeys("payments");
        waitFor(paymentsRow);
        wait(UI_WAIT).until(ExpectedConditions.invisibilityOfElementLocated(legacyRow));
    }

    @Test
    void theSearchBoxFindsAMonitorByItsTargetThroughTheServer() throws Exception {
        long checkout = createByApi("Checkout", "/orders-backend-" + SEQUENCE.incrementAndGet(), Reply.ok());
        long payments = idOf("Payments API");
        signIn();
        By checkoutRow = By.cssSelector("tr[data-monitor-id='" + checkout + "']");
        waitFor(checkoutRow);

        // Only the URL says "orders-backend": the server's search (GET /monitors?q=) matches targets, not just names.
        driver.findElement(By.id("filter-name")).sendKeys("ORDERS-backend");
        wait(UI_WAIT)
                .until(ExpectedConditions.invisibilityOfElementLocated(
                        By.cssSelector("tr[data-monitor-id='" + payments + "']")));
        assertThat(driver.findElement(checkoutRow).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.cssSelector("#monitor-table caption")).getText())
                .startsWith("1 monitor")
                .doesNotStartWith("1 monitors");
    }

    @Test
    void aMonitorDeletedFromItsPageIsGoneFromTheList() throws Exception {
        long id = createByApi("Short-lived", Reply.ok());
        signIn();
        driver.get(base + "/#/monitors/" + id);
        waitFor(By.id("delete-monitor")).click();
        waitFor(By.id("confirm-delete-button")).click();

        wait(UI_WAIT).until(ExpectedConditions.urlMatches("#/$"));
        waitFor(By.cssSelector("table.monitors caption"));
        assertThat(driver.findElements(By.cssSelector("tr[data-monitor-id='" + id + "']")))
                .isEmpty();
        assertThat(api("GET", "/monitors/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aHeartbeatCreatedElsewhereOffersANewPingUrlThatThenShows() throws Exception {
        HttpResponse<String> created = api("POST", "/monitors", """
                {"type": "heartbeat", "name": "Weekly export", "period": 604800, "grace": 3600}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        signIn();
        driver.get(base + "/#/monitors/" + id);
        // The URL was shown once, to whoever created the monitor: this tab can only issue a new one.
        assertThat(waitFor(By.id("rotate-ping-token")).getText()).isEqualTo("Show a new ping URL");
        assertThat(driver.findElements(By.id("ping-url"))).isEmpty();

        driver.findElement(By.id("rotate-ping-token")).click();

        assertThat(waitFor(By.id("ping-url")).getText()).startsWith(base + "/ping/");
        assertThat(driver.findElement(By.id("rotate-ping-token")).getText()).isEqualTo("Issue a new ping URL");
    }

    @Test
    void aMonitorPageShowsItsErrorBudgetLeftAndBurnRates() throws Exception {
        long id = createByApi("Budgeted", Reply.ok());
        HttpResponse<String> slo = api("PUT", "/monitors/" + id + "/slo", """
                {"objective": 99.9, "period": "month"}""");
        assertThat(slo.statusCode()).as(slo.body()).isEqualTo(200);
        signIn();
        driver.get(base + "/#/monitors/" + id);

        assertThat(waitFor(By.id("slo-budget-left")).getText()).startsWith("100.0% (");
        assertThat(driver.findElement(By.id("slo-burn")).getText()).isEqualTo("0.00× over 1 h, 0.00× over 6 h");
    }

    @Test
    void useAnotherKeyForgetsTheKeyAndAsksForOne() {
        signIn();
        waitFor(By.id("sign-out")).click();

        waitFor(By.id("api-key"));
        assertThat(driver.executeScript("return sessionStorage.getItem('health-monitor-api-key')"))
                .isNull();
        assertThat(driver.findElement(By.id("signed-in")).getText()).isEmpty();
        assertThat(driver.findElements(By.cssSelector("table"))).isEmpty();
        driver.findElement(By.id("api-key")).sendKeys(KEY);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(By.cssSelector("table.monitors caption"));
    }

    @Test
    void theDashboardFitsA375PixelScreen() {
        signIn();
        driver.manage().window().setSize(new Dimension(375, 812));
        driver.get(base + "/#/");
        waitFor(By.cssSelector("table.monitors tbody tr"));

        Number overflow = (Number) driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
        Browser.screenshotForReadme(driver, "dashboard-375px");
    }

    // --- helpers ---

    /** Types into a monitor picker's search box and adds the monitor of that name the server found. */
    private static void pick(String searchBox, String query, String name) {
        WebElement input = driver.findElement(By.id(searchBox));
        input.clear();
        input.sendKeys(query);
        waitFor(By.cssSelector("button[aria-label='Add " + name + "']")).click();
        wait(UI_WAIT).until(d -> d.findElements(By.cssSelector("button[aria-label='Add " + name + "']"))
                .isEmpty());
    }

    /** The names of the monitors picked in a section of the status page editor, in display order. */
    private static List<String> picked(String section) {
        return driver.findElements(By.cssSelector(section + " .picked-name")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static Reply jsonReply(String body) {
        return new Reply(200, Map.of("Content-Type", "application/json"), body, Duration.ZERO);
    }
}
