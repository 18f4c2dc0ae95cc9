package com.healthmonitor.standalone.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The automated accessibility check: axe-core (the {@code org.webjars.npm:axe-core} test dependency) run inside the
 * page as it is shown, through Selenium (not a script the page loads, so the page's Content-Security-Policy stays as
 * strict as users get it). A serious or critical violation fails the test, naming the rule, why, and the elements.
 */
final class Accessibility {

    private static final String AXE = axeSource();

    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then((result) => done(result.violations
                .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\\n    `
                  + v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\\s+/g, ' ')}`).join('\\n    '))))
              .catch((e) => done([`axe-core failed: ${e}`]));""";

    private Accessibility() {}

    /** Runs axe-core on the page the driver shows now (wait for it to be rendered first). */
    static void assertNoSeriousAccessibilityViolations(ChromeDriver driver) {
        if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object'"))) {
            driver.executeScript(AXE);
        }
        // A full run takes a few seconds on a busy machine.
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        try {
            @SuppressWarnings("unchecked")
            List<String> violations = (List<String>) driver.executeAsyncScript(RUN);
            assertThat(violations)
                    .as("serious or critical accessibility violations on " + driver.getCurrentUrl())
                    .isEmpty();
        } finally {
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        }
    }

    /** Makes the pages see {@code prefers-color-scheme: dark} (true) or the system's default again (false). */
    static void prefersDarkColorScheme(ChromeDriver driver, boolean dark) {
        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of(
                        "features",
                        dark ? List.of(Map.of("name", "prefers-color-scheme", "value", "dark")) : List.of()));
    }

    private static String axeSource() {
        try {
            Properties webjar = new Properties();
            try (InputStream in = resource("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
                webjar.load(in);
            }
            try (InputStream in =
                    resource("META-INF/resources/webjars/axe-core/" + webjar.getProperty("version") + "/axe.min.js")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = Accessibility.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException(path + " is not on the test class path (the axe-core webjar)");
        }
        return in;
    }
}
