package com.healthmonitor.standalone.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.standalone.HealthMonitorSystem;
import com.healthmonitor.standalone.StandaloneSettings;
import com.healthmonitor.testing.StubServer;
import com.healthmonitor.testing.StubServer.Reply;
import com.healthmonitor.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's monitor list with 10,000 monitors, in headless Chromium against the standalone: it reads from the
 * server only the page it shows (and the DOWN monitors pinned above it), pages by the API's cursor, finds a monitor
 * through the server's search, and draws its first rows quickly; the time to them is printed as a {@code BENCHMARK}
 * line (docs/benchmarks.md). A system of its own: 10,000 monitors would change what the other browser tests' lists
 * show.
 */
class LargeFleetBrowserTest {

    private static final String KEY = "large-fleet-key-0123456789abcdef0123";
    private static final int MONITORS = 10_000;
    private static final int BULK = 1000;
    /** Every 800th monitor fails: 12 DOWN, more than the 10 the list pins above its page. */
    private static final int DOWN_EVERY = 800;

    private static final int DOWN = MONITORS / DOWN_EVERY;
    /** Every 1000th monitor is tagged team:payments: 10 of them, two of those DOWN (4000 and 8000). */
    private static final int TAGGED_EVERY = 1000;

    private static final Duration UI_WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path data;

    private static StubServer stub;
    private static HealthMonitorSystem system;
    private static ChromeDriver driver;
    private static String base;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startSystemWithTenThousandMonitors() throws Exception {
        Browser.requireChromium();
        stub = new StubServer().script("/up", Reply.ok()).script("/down", Reply.status(503));
        system = HealthMonitorSystem.start(new StandaloneSettings(
                data,
                0,
                StandaloneSettings.LOOPBACK,
                TestDatabase.newEmptyDatabase(),
                TestDatabase.USERNAME,
                TestDatabase.PASSWORD,
                null,
                Map.of("API_KEYS", KEY, "ALLOW_PRIVATE_TARGETS", "true", "RATE_LIMIT_PER_MINUTE", "0"),
                null));
        base = "http://localhost:" + system.apiPort();
        for (int first = 1; first <= MONITORS; first += BULK) {
            String monitors = String.join(
                    ",",
                    IntStream.range(first, first + BULK)
                            .mapToObj(LargeFleetBrowserTest::monitor)
                            .toList());
            HttpResponse<String> created = api("POST", "/monitors/bulk", "{\"monitors\": [" + monitors + "]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        // Each monitor is checked once on creation, then not for an hour.
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> json.readTree(api("GET", "/stats?window=24h", null).body())
                                .get("by_status")
                                .get("DOWN")
                                .asInt()
                        == DOWN);
        driver = Browser.start(1280, 900);
        driver.get(base + "/assets/style.css");
        driver.executeScript("sessionStorage.setItem('health-monitor-api-key', arguments[0])", KEY);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (system != null) {
            system.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void theListReadsOnlyThePageItShowsAndPagesByTheServersCursor() throws Exception {
        openList();
        List<String> firstPage = namesFromApi("/monitors?limit=50");
        List<String> secondPage = namesFromApi("/monitors?limit=50&after_id=" + idFromApi("/monitors?limit=50", 49));
        waitUntilPageShows(firstPage);

        driver.findElement(By.id("next-page")).click();
        waitUntilPageShows(secondPage);
        assertThat(secondPage).doesNotContainAnyElementsOf(firstPage);
        assertThat(driver.findElement(By.id("previous-page")).isEnabled()).isTrue();

        driver.findElement(By.id("previous-page")).click();
        waitUntilPageShows(firstPage);

        driver.findElement(By.id("filter-name")).sendKeys("fleet 04321");
        waitUntilPageShows(List.of("Fleet 04321"));
        assertThat(driver.findElement(By.cssSelector("#monitor-table caption")).getText())
                .isEqualTo("1 monitor");

        // Without server paging the list walked all 10,000 monitors, 1,000 a request.
        List<String> listRequests = monitorListRequests();
        assertThat(listRequests).isNotEmpty().hasSizeLessThanOrEqualTo(12).allSatisfy(request -> assertThat(
                        Integer.parseInt(request.replaceAll(".*[?&]limit=(\\d+).*", "$1")))
                .as(request)
                .isLessThanOrEqualTo(100));
    }

    @Test
    void theDownMonitorsArePinnedAboveThePageAndShowAllDownListsEveryOne() throws Exception {
        openList();
        List<String> down = IntStream.rangeClosed(1, DOWN)
                .mapToObj(n -> name(n * DOWN_EVERY))
                .toList();
        wait(UI_WAIT).until(d -> texts("#down-block tbody th").equals(down.subList(0, 10)));
        assertThat(texts("#down-block .status-cell"))
                .allSatisfy(status -> assertThat(status).endsWith("Down"));
        assertThat(driver.findElement(By.cssSelector("#down-block caption")).getText())
                .isEqualTo("Down now: the first 10");

        driver.findElement(By.id("show-all-down")).click();

        waitUntilPageShows(down);
        assertThat(texts("#monitor-table .status-cell"))
                .allSatisfy(status -> assertThat(status).endsWith("Down"));
        assertThat(driver.findElement(By.cssSelector("#monitor-table caption")).getText())
                .isEqualTo(DOWN + " monitors");
        assertThat(driver.findElements(By.cssSelector("#down-block table"))).isEmpty();
        assertThat(monitorListRequests()).hasSizeLessThanOrEqualTo(6);
    }

    @Test
    void theTagFilterShowsTheTaggedMonitorsAndABadTagIsNamedInTheApisWords() {
        openList();
        driver.findElement(By.id("filter-tag")).sendKeys("team:payments");

        waitUntilPageShows(IntStream.rangeClosed(1, MONITORS / TAGGED_EVERY)
                .mapToObj(n -> name(n * TAGGED_EVERY))
                .toList());
        wait(UI_WAIT).until(d -> texts("#down-block tbody th").equals(List.of(name(4000), name(8000))));
        assertThat(driver.findElement(By.cssSelector("#monitor-table caption")).getText())
                .isEqualTo("10 monitors");

        // A key starts with a letter or digit.
        driver.findElement(By.id("filter-tag")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "-payments");

        assertThat(wait(UI_WAIT)
                        .until(d -> d.findElement(By.cssSelector("#monitor-table [role=alert]")))
                        .getText())
                .startsWith("Invalid: tag (tag ");
    }

    /** The measure: first rows visible within 1.5 s with 10,000 monitors; the figure is in docs/benchmarks.md. */
    @Test
    void theFirstRowsOfTenThousandMonitorsAppearQuickly() {
        List<Double> firstRows = new ArrayList<>();
        for (int load = 0; load < 6; load++) {
            openList();
            Number mark =
                    (Number) driver.executeScript("return performance.getEntriesByName('first-rows')[0].startTime");
            if (load > 0) { // the first load warms the JVM's code paths
                firstRows.add(mark.doubleValue());
            }
        }
        double median = firstRows.stream().sorted().toList().get(firstRows.size() / 2);
        System.out.printf(
                "[BENCHMARK] dashboard list, %d monitors, median of %d loads: first rows %.0f ms (all: %s)%n",
                MONITORS, firstRows.size(), median, firstRows);
        // A sanity bound only: the goal (1.5 s) is a benchmark's, on a quiet machine.
        assertThat(median).isLessThan(15_000);
    }

    // --- helpers ---

    private static String monitor(int n) {
        boolean down = n % DOWN_EVERY == 0;
        String tags = n % TAGGED_EVERY == 0 ? "[\"team:payments\"]" : "[]";
        return """
                {"name": "%s", "url": "%s", "check_interval": 3600, "timeout": 5, "fail_threshold": 1, "tags": %s}""".formatted(name(n), stub.url(down ? "/down" : "/up"), tags);
    }

    private static String name(int n) {
        return "Fleet %05d".formatted(n);
    }

    /** A fresh load of the list (a new document, not a jump within it), waited for until its first rows are drawn. */
    private static void openList() {
        driver.get(base + "/assets/style.css");
        driver.get(base + "/");
        wait(Duration.ofSeconds(60)).until(d ->
                (Boolean) driver.executeScript("return performance.getEntriesByName('first-rows').length > 0"));
        wait(UI_WAIT).until(d -> !driver.findElements(By.cssSelector("#monitor-table tbody tr"))
                .isEmpty());
    }

    private static void waitUntilPageShows(List<String> names) {
        wait(UI_WAIT).until(d -> texts("#monitor-table tbody th").equals(names));
    }

    private static List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** The list requests of this page load (GET /monitors?...), as the browser's resource timing recorded them. */
    @SuppressWarnings("unchecked")
    private static List<String> monitorListRequests() {
        return (List<String>) driver.executeScript("""
                return performance.getEntriesByType('resource').map(e => new URL(e.name))
                  .filter(u => u.pathname === '/monitors').map(u => u.pathname + u.search);""");
    }

    private static List<String> namesFromApi(String path) throws Exception {
        return StreamSupport.stream(json.readTree(api("GET", path, null).body()).spliterator(), false)
                .map(monitor -> monitor.get("name").asString())
                .toList();
    }

    private static long idFromApi(String path, int index) throws Exception {
        JsonNode page = json.readTree(api("GET", path, null).body());
        return page.get(index).get("id").asLong();
    }

    /** Live updates and re-reads redraw parts of the page, so an element found a moment ago may be gone. */
    private static WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static HttpResponse<String> api(String method, String path, String body) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", KEY);
        if (body == null) {
            request.method(method, BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body));
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
