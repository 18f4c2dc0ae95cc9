package com.healthmonitor.api.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmonitor.api.web.FieldViolation;
import com.healthmonitor.api.web.InvalidRequestException;
import com.healthmonitor.common.net.PrivateTargetsProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorValidatorTest {

    private final MonitorValidator validator = validator(false);

    @Test
    void appliesTheSeedDefaults() {
        MonitorSettings settings = validator.validate(
                MonitorRequests.seed("Google Homepage", "https://google.com/", null, null, null, null, null));

        assertThat(settings)
                .isEqualTo(new MonitorSettings("Google Homepage", "https://google.com/", 60, 5, 200, null, true));
    }

    @Test
    void acceptsTheSeedsStepTenMonitor() {
        MonitorSettings settings = validator.validate(MonitorRequests.seed(
                "Google Homepage",
                "https://google.com/",
                30,
                5,
                200,
                "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXX",
                true));

        assertThat(settings.checkInterval()).isEqualTo(30);
        assertThat(settings.webhookUrl()).startsWith("https://hooks.slack.com/");
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        assertThat(violations(MonitorRequests.seed("", "ftp://x", 10, 0, 99, "not a url", true)))
                .extracting(FieldViolation::field)
                .containsExactly("name", "url", "check_interval", "timeout", "expected_status_code", "webhook_url");
    }

    @Test
    void requiresNameAndUrl() {
        assertThat(violations(MonitorRequests.seed(null, null, null, null, null, null, null)))
                .containsExactly(new FieldViolation("name", "is required"), new FieldViolation("url", "is required"));
        assertThat(violations(request("   ", "https://example.com")))
                .extracting(FieldViolation::field)
                .containsExactly("name");
    }

    @Test
    void limitsTheNameTo200Characters() {
        assertThat(validator
                        .validate(request("n".repeat(200), "https://example.com"))
                        .name())
                .hasSize(200);
        assertThat(violations(request("n".repeat(201), "https://example.com")))
                .containsExactly(new FieldViolation("name", "must be at most 200 characters"));
    }

    @Test
    void acceptsOnlyAbsoluteHttpUrlsWithAHost() {
        assertThat(validator
                        .validate(request("ok", "http://example.com:8080/health?x=1"))
                        .url())
                .isEqualTo("http://example.com:8080/health?x=1");
        for (String bad : List.of(
                "example.com",
                "/relative",
                "ftp://example.com",
                "https://",
                "http:///path",
                "https://exa mple.com",
                "javascript:alert(1)")) {
            assertThat(violations(request("x", bad)))
                    .as(bad)
                    .extracting(FieldViolation::field)
                    .containsExactly("url");
        }
        assertThat(violations(request("x", "https://example.com/" + "a".repeat(2048))))
                .containsExactly(new FieldViolation("url", "must be at most 2048 characters"));
    }

    @Test
    void refusesLoopbackAndPrivateTargetsUnlessAllowed() {
        for (String privateUrl : List.of(
                "http://localhost:8080",
                "http://127.0.0.1/",
                "http://10.0.0.5/",
                "http://169.254.169.254/latest/meta-data",
                "http://[::1]:80/",
                "http://192.168.1.1")) {
            assertThat(violations(request("x", privateUrl)))
                    .as(privateUrl)
                    .extracting(FieldViolation::message)
                    .containsExactly("must not point at a loopback or private address");
            assertThat(validator(true).validate(request("x", privateUrl)).url()).isEqualTo(privateUrl);
        }
    }

    @Test
    void boundsTheCheckIntervalByTheConfiguredMinimumAnd3600() {
        assertThat(validator.validate(withInterval(30, 5)).checkInterval()).isEqualTo(30);
        assertThat(validator.validate(withInterval(3600, 5)).checkInterval()).isEqualTo(3600);
        assertThat(violations(withInterval(29, 5)))
                .containsExactly(new FieldViolation("check_interval", "must be between 30 and 3600 seconds"));
        assertThat(violations(withInterval(3601, 5)))
                .extracting(FieldViolation::field)
                .containsExactly("check_interval");
    }

    @Test
    void boundsTheTimeoutAndKeepsItBelowTheInterval() {
        assertThat(validator.validate(withInterval(61, 60)).timeout()).isEqualTo(60);
        assertThat(violations(withInterval(60, 0)))
                .containsExactly(new FieldViolation("timeout", "must be between 1 and 60 seconds"));
        assertThat(violations(withInterval(120, 61)))
                .extracting(FieldViolation::field)
                .containsExactly("timeout");
        assertThat(violations(withInterval(30, 30)))
                .containsExactly(new FieldViolation("timeout", "must be less than check_interval (30)"));
    }

    @Test
    void boundsTheExpectedStatusCode() {
        assertThat(validator
                        .validate(MonitorRequests.seed("x", "https://e.com", null, null, 100, null, null))
                        .expectedStatusCode())
                .isEqualTo(100);
        assertThat(validator
                        .validate(MonitorRequests.seed("x", "https://e.com", null, null, 599, null, null))
                        .expectedStatusCode())
                .isEqualTo(599);
        assertThat(violations(MonitorRequests.seed("x", "https://e.com", null, null, 600, null, null)))
                .extracting(FieldViolation::field)
                .containsExactly("expected_status_code");
    }

    @Test
    void requiresHttpsWebhooksUnlessPrivateTargetsAreAllowed() {
        MonitorRequest httpWebhook =
                MonitorRequests.seed("x", "https://e.com", null, null, null, "http://hooks.local/x", null);

        assertThat(violations(httpWebhook)).containsExactly(new FieldViolation("webhook_url", "must be an https URL"));
        assertThat(validator(true).validate(httpWebhook).webhookUrl()).isEqualTo("http://hooks.local/x");
        assertThat(validator
                        .validate(MonitorRequests.seed("x", "https://e.com", null, null, null, " ", null))
                        .webhookUrl())
                .isNull();
    }

    @Test
    void keepsAnExplicitlyDisabledMonitorDisabled() {
        assertThat(validator
                        .validate(MonitorRequests.seed("x", "https://e.com", null, null, null, null, false))
                        .enabled())
                .isFalse();
    }

    private List<FieldViolation> violations(MonitorRequest request) {
        try {
            validator.validate(request);
        } catch (InvalidRequestException e) {
            return e.violations();
        }
        throw new AssertionError("expected the request to be refused: " + request);
    }

    private static MonitorRequest request(String name, String url) {
        return MonitorRequests.seed(name, url, null, null, null, null, null);
    }

    private static MonitorRequest withInterval(int interval, int timeout) {
        return MonitorRequests.seed("x", "https://example.com", interval, timeout, null, null, null);
    }

    private static MonitorValidator validator(boolean allowPrivateTargets) {
        return new MonitorValidator(
                new MonitorProperties(30, 500, 1000),
                new PrivateTargetsProperties(allowPrivateTargets),
                KnownLocations.ANY);
    }

    @Test
    void refusesAMinimumIntervalTooShortForAnyTimeout() {
        assertThatThrownBy(() -> new MonitorProperties(1, 500, 1000)).hasMessageContaining("MIN_CHECK_INTERVAL");
    }
}
