package com.healthmonitor.standalone.browser;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's headless Chromium through its chromedriver, both by explicit path (no Selenium Manager, no download).
 * Without them the browser tests are skipped with a message saying so, unless {@code REQUIRE_BROWSER_TESTS=1} (set
 * by {@code .ci/run}), in which case they fail.
 */
final class Browser {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The README's pictures, when the tests run in the module's directory of a checkout (as Maven runs them). */
    static final Path README_SCREENSHOTS = Path.of("..", "docs", "screenshots");

    private Browser() {}

    /** Skips (or, when browser tests are required, fails) the calling test class without Chromium. */
    static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String message = "Browser tests SKIPPED: " + CHROMIUM + " and " + CHROMEDRIVER
                + " are needed (apt-get install chromium chromium-driver)";
        if (!present && "1".equals(System.getenv("REQUIRE_BROWSER_TESTS"))) {
            fail(message + ", and REQUIRE_BROWSER_TESTS=1 forbids skipping them");
        }
        if (!present) {
            System.err.println("[BROWSER] " + message);
        }
        assumeTrue(present, message);
    }

    static ChromeDriver start(int width, int height) {
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=" + width + "," + height);
        // The console, where Chromium reports what the Content-Security-Policy refused.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /**
     * What the page's Content-Security-Policy refused since the last call: Chromium logs each refusal to the console
     * ("Executing inline script violates the following Content Security Policy directive ...").
     */
    static List<String> contentSecurityPolicyViolations(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
    }

    static void screenshot(ChromeDriver driver, String name) {
        screenshot(driver, SCREENSHOTS, name);
    }

    /** A screenshot the README shows: written over docs/screenshots/{name}.png, so the pictures stay current. */
    static void screenshotForReadme(ChromeDriver driver, String name) {
        screenshot(driver, Files.isDirectory(README_SCREENSHOTS) ? README_SCREENSHOTS : SCREENSHOTS, name);
    }

    private static void screenshot(ChromeDriver driver, Path directory, String name) {
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
