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
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the dashboard's browser tests share: the whole system running as the standalone runs it (worker, scheduler and
 * API as separate applications sharing only PostgreSQL and the queue), a stub HTTP server for monitors and channels to
 * reach, and one headless Chromium. The first browser test class starts them; they are kept in JUnit's root store and
 * closed when the test run ends, so the classes after it reuse them (starting a system takes many seconds). Classes
 * therefore see each other's monitors, channels and keys: tests name what they create uniquely and find it by id.
 * API keys are on; {@link #KEY} is the operator's (admin) key. Every test also checks that the pages' strict
 * Content-Security-Policy refused nothing.
 */
abstract class BrowserTest {

    static final String KEY = "browser-test-key-0123456789abcdef";
    static final Duration UI_WAIT = Duration.ofSeconds(30);
    static final AtomicInteger SEQUENCE = new AtomicInteger();
    static final int STREAMS_PER_KEY = 10;
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    static StubServer stub;
    static ChromeDriver driver;
    static String base;

    @RegisterExtension
    static final BeforeAllCallback SHARED_SYSTEM = context -> {
        Browser.requireChromium();
        Running running = context.getRoot()
                .getStore(ExtensionContext.Namespace.create(BrowserTest.class))
                .computeIfAbsent(Running.class, key -> Running.start(), Running.class);
        stub = running.stub();
        driver = running.driver();
        base = "http://localhost:" + running.system().apiPort();
    };

    /** The shared system, stub and browser; closed by JUnit with the root store. */
    private record Running(StubServer stub, HealthMonitorSystem system, ChromeDriver driver) implements AutoCloseable {

        static Running start() {
            StubServer stub = new StubServer();
            HealthMonitorSystem system = null;
            try {
                system = HealthMonitorSystem.start(new StandaloneSettings(
                        // Unused: PostgreSQL is the tests' embedded server, not the standalone's own.
                        Path.of("target", "browser-tests"),
                        0,
                        StandaloneSettings.LOOPBACK,
                        TestDatabase.newEmptyDatabase(),
                        TestDatabase.USERNAME,
                        TestDatabase.PASSWORD,
                        null,
                        Map.of(
                                "API_KEYS", KEY,
                                "ALLOW_PRIVATE_TARGETS", "true",
                                "MIN_CHECK_INTERVAL", "2",
                                "SCHEDULER_TICK", "200ms",
                                // The tests poll the API far more often than a person would.
                                "RATE_LIMIT_PER_MINUTE", "0",
                                "EVENTS_STREAMS_PER_CLIENT", Integer.toString(STREAMS_PER_KEY),
                                // And they reload pages far more often: the event stream of a page gone away keeps
                                // its slot until the next keep-alive finds the connection closed.
                                "health-monitor.api.events.keep-alive", "1s"),
                        null));
                return new Running(stub, system, Browser.start(1280, 900));
            } catch (RuntimeException e) {
                if (system != null) {
                    system.close();
                }
                stub.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                try {
                    system.close();
                } finally {
                    stub.close();
                }
            }
        }
    }

    /** A test that made the window small (or the page dark) leaves it so for the next one. */
    @BeforeEach
    void desktopSizeAndAnEmptyConsole() {
        driver.manage().window().setSize(new Dimension(1280, 900));
        Browser.contentSecurityPolicyViolations(driver);
    }

    /** The pages work under their strict policy: nothing they load or run is refused. */
    @AfterEach
    void nothingWasRefusedByTheContentSecurityPolicy() {
        assertThat(Browser.contentSecurityPolicyViolations(driver)).isEmpty();
    }

    static void signIn() {
        signIn(KEY);
    }

    /** Enters the key in the prompt, as a person does, and waits for the list. */
    static void signIn(String key) {
        driver.get(base + "/");
        driver.executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        // Generous: the first page of a run can be slow on a loaded two-core machine.
        wait(Duration.ofSeconds(90))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")))
                .sendKeys(key);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(By.cssSelector("table.monitors caption"));
    }

    /** Opens path, waits until {@code shown} is visible, and runs the accessibility check on the page. */
    static void checkAccessibility(String path, By shown) {
        driver.get(base + path);
        waitFor(shown);
        Accessibility.assertNoSeriousAccessibilityViolations(driver);
    }

    static WebElement waitFor(By by) {
        return wait(UI_WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Live updates re-render parts of the page, so an element found a moment ago may be gone: look again. */
    static WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    static void replace(By by, String value) {
        WebElement input = waitFor(by);
        input.clear();
        input.sendKeys(value);
    }

    static long idOf(String name) throws Exception {
        for (JsonNode monitor : json.readTree(api("GET", "/monitors", null).body())) {
            if (monitor.get("name").asString().equals(name)) {
                return monitor.get("id").asLong();
            }
        }
        throw new AssertionError("no monitor " + name);
    }

    /** An HTTP monitor of the stub's, checked every 2 s, once it has been checked. */
    static long createByApi(String name, Reply reply) throws Exception {
        return createByApi(name, "/target/fleet-" + SEQUENCE.incrementAndGet(), reply);
    }

    static long createByApi(String name, String path, Reply reply) throws Exception {
        stub.script(path, reply);
        HttpResponse<String> response = api("POST", "/monitors", """
                {"name": "%s", "url": "%s", "check_interval": 2, "timeout": 1}""".formatted(name, stub.url(path)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        long id = json.readTree(response.body()).get("id").asLong();
        await().atMost(UI_WAIT).until(() -> !statusOf(id).equals("UNKNOWN"));
        return id;
    }

    /** The id in the answer to a create request, which must have succeeded. */
    static long created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asLong();
    }

    static String statusOf(long id) throws Exception {
        return json.readTree(api("GET", "/monitors/" + id, null).body())
                .get("status")
                .asString();
    }

    /** A request with the operator's key. */
    static HttpResponse<String> api(String method, String path, String body) throws Exception {
        return api(method, path, body, KEY);
    }

    static HttpResponse<String> api(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", key);
        if (body == null) {
            request.method(method, BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body));
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
