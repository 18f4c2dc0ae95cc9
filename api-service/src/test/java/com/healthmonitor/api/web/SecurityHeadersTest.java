package com.healthmonitor.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ApiIntegrationTest;
import com.healthmonitor.api.testing.RawHttp;
import com.healthmonitor.api.testing.RawHttp.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every answer carries the strict Content-Security-Policy, {@code Referrer-Policy: no-referrer} and
 * {@code X-Content-Type-Options: nosniff}, each once: pages, assets, JSON, problems, and the errors Tomcat answers
 * before the application sees the request. Swagger UI alone may use inline styles and data: images.
 */
@ApiIntegrationTest
class SecurityHeadersTest {

    static final String POLICY =
            "default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @LocalServerPort
    private int port;

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "GET, /, 200",
        "GET, /index.html, 200",
        "GET, /assets/app.js, 200",
        "GET, /assets/style.css, 200",
        "GET, /status/nobody, 404", // the HTML page for browsers (Accept: text/html below)
        "GET, /monitors, 200",
        "GET, /health, 200",
        "GET, /monitors/999999, 404",
        "POST, /monitors, 400",
        "GET, /no/such/thing, 404",
        "GET, /monitors;x=1, 400", // refused by the firewall, before Spring Security's header writer
        "GET, /monitors/%2F, 400", // refused by Tomcat, before any filter
    })
    void everyAnswerCarriesTheHeadersOnce(String method, String target, int status) {
        Response response = new RawHttp(port)
                .send(
                        method,
                        target,
                        method.equals("POST") ? "{}" : null,
                        "Accept: text/html,application/json;q=0.9,*/*;q=0.8",
                        "Content-Type: application/json");

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Security-Policy")).isEqualTo(POLICY);
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @ParameterizedTest
    @CsvSource({"/swagger-ui/index.html", "/swagger-ui/swagger-initializer.js"})
    void swaggerUiMayUseInlineStylesAndDataImagesOnly(String target) {
        Response response = new RawHttp(port).get(target);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Content-Security-Policy"))
                .contains("style-src 'self' 'unsafe-inline'")
                .contains("img-src 'self' data:")
                .contains("frame-ancestors 'none'")
                .doesNotContain("script-src");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
}
