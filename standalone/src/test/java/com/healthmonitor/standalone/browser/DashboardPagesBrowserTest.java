package com.healthmonitor.standalone.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.healthmonitor.testing.StubServer.Reply;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's settings pages in headless Chromium against the whole system ({@link BrowserTest}): notification
 * channels (a test message reaching a real HTTP receiver), maintenance windows, the daily summary and API keys, and
 * what a read key is not offered on them.
 */
class DashboardPagesBrowserTest extends BrowserTest {

    @Test
    void aChannelCreatedInTheUiSendsATestToItsReceiverKeepsItsSecretOnEditAndIsDeleted() throws Exception {
        String path = "/hooks/ops-" + SEQUENCE.incrementAndGet();
        stub.script(path, Reply.ok());
        signIn(KEY);
        driver.get(base + "/#/channels");
        waitFor(By.id("new-channel")).click();
        waitFor(By.id("field-name")).sendKeys("Ops webhook");
        new Select(driver.findElement(By.id("field-type"))).selectByValue("webhook");
        waitFor(By.id("field-url")).sendKeys(stub.url(path));
        driver.findElement(By.id("field-secret")).sendKeys("a-signing-secret-of-some-length");
        driver.findElement(By.id("save-channel")).click();

        long id = waitForChannel("Ops webhook");
        By row = By.cssSelector("tr[data-channel-id='" + id + "']");
        assertThat(waitFor(row).getText()).contains("never used").doesNotContain("a-signing-secret");
        driver.findElement(By.cssSelector("[data-test-channel='" + id + "']")).click();

        wait(UI_WAIT)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("test-result-" + id), "Test sent (HTTP 200)"));
        assertThat(stub.requests(path)).singleElement().satisfies(request -> assertThat(request.header("X-Signature"))
                .startsWith("sha256="));
        wait(UI_WAIT)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("tr[data-channel-id='" + id + "'] .last-delivery"), "sent"));
        Browser.screenshotForReadme(driver, "channels");

        // Editing shows the secrets masked and, sent back unchanged, keeps them: the next test is still signed.
        driver.findElement(By.cssSelector("tr[data-channel-id='" + id + "'] a.button"))
                .click();
        WebElement url = waitFor(By.id("field-url"));
        assertThat(url.getAttribute("value")).contains("****").doesNotContain(path);
        assertThat(driver.findElement(By.id("field-secret")).getAttribute("value"))
                .startsWith("****");
        replace(By.id("field-name"), "Ops webhook (signed)");
        driver.findElement(By.id("save-channel")).click();
        waitFor(By.cssSelector("[data-test-channel='" + id + "']")).click();
        await().atMost(UI_WAIT).until(() -> stub.requests(path).size() == 2);
        wait(UI_WAIT)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("test-result-" + id), "Test sent (HTTP 200)"));
        assertThat(stub.requests(path).getLast().header("X-Signature")).startsWith("sha256=");
        assertThat(driver.findElement(row).getText()).contains("Ops webhook (signed)");

        driver.findElement(By.cssSelector("[data-delete-channel='" + id + "']")).click();
        waitFor(By.id("confirm-ok")).click();
        wait(UI_WAIT).until(ExpectedConditions.invisibilityOfElementLocated(row));
        assertThat(api("GET", "/channels/" + id, null, KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void aChannelsValidationErrorShowsNextToItsField() {
        signIn(KEY);
        driver.get(base + "/#/channels/new");
        waitFor(By.id("field-name")).sendKeys("On-call mail");
        new Select(driver.findElement(By.id("field-type"))).selectByValue("email");
        waitFor(By.id("field-recipients")).sendKeys("ops@example.com, not-an-address");
        driver.findElement(By.id("save-channel")).click();

        wait(UI_WAIT)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("error-recipients"), "must be an email address"));
        assertThat(driver.findElement(By.id("field-recipients")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(driver.findElement(By.id("error-name")).getText()).isEmpty();
        assertThat(driver.getCurrentUrl()).endsWith("#/channels/new");
    }

    @Test
    void anApiKeyCreatedInTheUiIsShownOnceWorksAndIsRevoked() throws Exception {
        signIn(KEY);
        assertThat(driver.findElement(By.id("nav-api-keys")).isDisplayed()).isTrue();
        driver.findElement(By.cssSelector("#nav-api-keys a")).click();
        waitFor(By.id("field-name")).sendKeys("deploy bot");
        new Select(driver.findElement(By.id("field-scope"))).selectByValue("write");
        driver.findElement(By.id("create-api-key")).click();

        String secret = waitFor(By.id("new-key-secret")).getText();
        assertThat(secret).startsWith("hm_");
        assertThat(driver.findElement(By.id("copy-key")).isDisplayed()).isTrue();
        HttpResponse<String> current = api("GET", "/api-keys/current", null, secret);
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(json.readTree(current.body()).get("scope").asString()).isEqualTo("write");
        long id = json.readTree(current.body()).get("id").asLong();
        By row = By.cssSelector("tr[data-key-id='" + id + "']");
        assertThat(waitFor(row).getText()).contains("deploy bot", "write").doesNotContain(secret);
        Browser.screenshotForReadme(driver, "api-keys");

        // Shown once: the page opened again lists the key without it.
        driver.get(base + "/#/");
        waitFor(By.cssSelector("table.monitors caption"));
        driver.get(base + "/#/api-keys");
        waitFor(row);
        assertThat(driver.findElements(By.id("new-key-secret"))).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain(secret);

        driver.findElement(By.cssSelector("[data-revoke-key='" + id + "']")).click();
        waitFor(By.id("confirm-ok")).click();
        wait(UI_WAIT).until(ExpectedConditions.invisibilityOfElementLocated(row));
        assertThat(api("GET", "/api-keys/current", null, secret).statusCode()).isEqualTo(401);
    }

    @Test
    void aReadKeySeesThePagesButIsOfferedNoChangeOnAny() throws Exception {
        String readKey = json.readTree(api("POST", "/api-keys", """
                                {"name": "wall display", "scope": "read"}""", KEY).body())
                .get("key")
                .asString();
        long monitor = createByApi("Read-only view " + SEQUENCE.incrementAndGet(), Reply.ok());
        long channel = json.readTree(api("POST", "/channels", """
                                {"name": "seen, not touched", "type": "email", "recipients": ["ops@example.com"]}""", KEY).body())
                .get("id")
                .asLong();
        // In the future: it covers nothing while the other tests run.
        HttpResponse<String> window = api("POST", "/maintenance-windows", """
                {"monitor_ids": [%d], "reason": "next year's move", "starts_at": "2099-01-01T00:00:00Z",
                 "ends_at": "2099-01-02T00:00:00Z"}""".formatted(monitor), KEY);
        assertThat(window.statusCode()).as(window.body()).isEqualTo(201);
        long windowId = json.readTree(window.body()).get("id").asLong();

        signIn(readKey);
        wait(UI_WAIT).until(ExpectedConditions.textToBe(By.id("scope"), "read"));
        assertThat(driver.findElement(By.id("nav-api-keys")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("nav-new-monitor")).isDisplayed()).isFalse();

        driver.get(base + "/#/channels");
        waitFor(By.cssSelector("tr[data-channel-id='" + channel + "']"));
        assertThat(driver.findElements(By.cssSelector("#new-channel, [data-test-channel], [data-delete-channel]")))
                .isEmpty();
        assertThat(driver.findElements(By.linkText("Edit"))).isEmpty();
        driver.get(base + "/#/channels/new");
        assertThat(waitFor(By.id("scope-refusal")).getText()).contains("read");
        assertThat(driver.findElements(By.id("save-channel"))).isEmpty();

        driver.get(base + "/#/maintenance");
        assertThat(waitFor(By.cssSelector("tr[data-window-id='" + windowId + "']"))
                        .getText())
                .contains("next year's move", "Read-only view");
        assertThat(driver.findElements(By.cssSelector("#new-window, [data-delete-window]")))
                .isEmpty();
        assertThat(driver.findElements(By.linkText("Edit"))).isEmpty();

        driver.get(base + "/#/settings/daily-summary");
        waitFor(By.id("summary-settings"));
        assertThat(driver.findElements(By.id("save-summary"))).isEmpty();
        assertThat(driver.findElement(By.id("scope-refusal")).getText()).contains("admin");

        driver.get(base + "/#/api-keys");
        assertThat(waitFor(By.id("scope-refusal")).getText()).contains("admin");
        assertThat(driver.findElements(By.id("create-api-key"))).isEmpty();

        driver.get(base + "/#/monitors/" + monitor);
        waitFor(By.id("monitor-status"));
        assertThat(driver.findElements(By.cssSelector("#delete-monitor, #toggle-enabled")))
                .isEmpty();
        assertThat(driver.findElements(By.linkText("Edit"))).isEmpty();
    }

    @Test
    void aMaintenanceWindowCreatedInTheUiShowsItsMonitorAsMaintenance() throws Exception {
        String name = "Warehouse " + SEQUENCE.incrementAndGet();
        long monitor = createByApi(name, Reply.ok());
        signIn(KEY);
        driver.get(base + "/#/maintenance");
        waitFor(By.id("new-window")).click();
        waitFor(By.id("field-reason")).sendKeys("Warehouse database upgrade");
        new Select(driver.findElement(By.id("field-kind"))).selectByValue("cron");
        waitFor(By.id("field-cron")).sendKeys("* * * * *");
        replace(By.id("field-duration_minutes"), "60");
        replace(By.id("field-time_zone"), "UTC");

        // No monitor picked yet: the API's error shows next to the picker.
        driver.findElement(By.id("save-window")).click();
        wait(UI_WAIT)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("error-monitor_ids"), "must name at least one monitor"));

        driver.findElement(By.id("field-monitor_ids")).sendKeys(name);
        waitFor(By.cssSelector("[data-add-monitor='" + monitor + "']")).click();
        assertThat(waitFor(By.cssSelector("#chosen-monitors li[data-monitor-id='" + monitor + "']"))
                        .getText())
                .contains(name);
        driver.findElement(By.id("save-window")).click();

        wait(UI_WAIT).until(ExpectedConditions.urlMatches("#/maintenance$"));
        long id = 0;
        try {
            WebElement row = waitFor(By.xpath("//tr[th[text()='Warehouse database upgrade']]"));
            id = Long.parseLong(row.getAttribute("data-window-id"));
            assertThat(row.getText()).contains(name, "Active now", "* * * * *");
            Browser.screenshotForReadme(driver, "maintenance");

            driver.get(base + "/#/monitors/" + monitor);
            wait(UI_WAIT)
                    .until(ExpectedConditions.attributeToBe(By.id("monitor-status"), "data-status", "MAINTENANCE"));
            assertThat(driver.findElement(By.id("monitor-status")).getText()).contains("Maintenance");

            driver.get(base + "/#/maintenance");
            waitFor(By.cssSelector("[data-delete-window='" + id + "']")).click();
            waitFor(By.id("confirm-ok")).click();
            wait(UI_WAIT)
                    .until(ExpectedConditions.invisibilityOfElementLocated(
                            By.cssSelector("tr[data-window-id='" + id + "']")));
            assertThat(api("GET", "/maintenance-windows/" + id, null, KEY).statusCode())
                    .isEqualTo(404);
        } finally {
            // Never left open over the other tests' monitors.
            if (id != 0) {
                api("DELETE", "/maintenance-windows/" + id, null, KEY);
            }
        }
    }

    @Test
    void theDailySummaryIsSavedWithItsChannelsAndItsErrorsShowNextToTheirFields() throws Exception {
        long channel = json.readTree(api("POST", "/channels", """
                                {"name": "summary mail", "type": "email", "recipients": ["ops@example.com"]}""", KEY).body())
                .get("id")
                .asLong();
        signIn(KEY);
        driver.get(base + "/#/settings/daily-summary");
        replace(By.id("field-time_zone"), "Mars/Olympus");
        driver.findElement(By.id("save-summary")).click();
        wait(UI_WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("error-time_zone"), "time zone"));

        replace(By.id("field-time_zone"), "Europe/Berlin");
        driver.findElement(By.cssSelector("input[name=channel_ids][value='" + channel + "']"))
                .click();
        driver.findElement(By.id("save-summary")).click();
        wait(UI_WAIT).until(ExpectedConditions.textToBe(By.id("summary-saved"), "Saved."));

        JsonNode settings =
                json.readTree(api("GET", "/settings/daily-summary", null, KEY).body());
        assertThat(settings.get("time_zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(settings.get("channel_ids").toString()).isEqualTo("[" + channel + "]");
    }

    // --- helpers ---

    /** The id of the channel of that name, once the list shows it. */
    private static long waitForChannel(String name) {
        WebElement row = waitFor(By.xpath("//tr[th[text()='" + name + "']]"));
        return Long.parseLong(row.getAttribute("data-channel-id"));
    }
}
