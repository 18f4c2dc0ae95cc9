package com.healthmonitor.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ApiIntegrationTest;
import com.healthmonitor.api.testing.RawHttp;
import com.healthmonitor.api.testing.RawHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every error the API can answer, over real HTTP, is problem+json with a fitting 4xx and no logged stack trace. */
@ApiIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ErrorResponsesTest {

    @LocalServerPort
    private int port;

    private RawHttp http;

    @BeforeEach
    void connect() {
        http = new RawHttp(port);
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "GET, /error, 404",
        "POST, /error, 404",
        "DELETE, /error, 404",
        "TRACE, /monitors, 405",
        "TRACE, /, 405",
        "PATCH, /monitors, 405",
        "PROPFIND, /monitors, 400", // the firewall refuses methods outside the standard set
        "GET, /monitors?=0x10, 400",
        "GET, /monitors?limit=%zz, 400",
        "GET, /monitors?limit=%, 400",
        "GET, /monitors?limit=abc, 400",
        "GET, /monitors/%00, 400",
        "GET, /monitors/..%2f, 400",
        "GET, /monitors/%2e%2e/health, 400",
        "GET, /monitors/%, 400",
        "GET, /monitors/%C0%AF, 400",
        "GET, /monitors;x=1, 400",
        "GET, /monitors/99999999999999999999, 400",
        "GET, /no/such/thing, 404",
        "DELETE, /monitors, 405",
    })
    void answersAProblemNeverHtmlNorA5xx(String method, String target, int status, CapturedOutput output) {
        Response response = http.send(method, target, null);

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.body()).contains("\"status\":" + status);
        assertThat(output.getOut() + output.getErr()).doesNotContain("\tat ").doesNotContain(" ERROR ");
    }

    @Test
    void aBodyOfTheWrongTypeOrSizeIsA4xxProblem(CapturedOutput output) {
        assertProblem(http.send("POST", "/monitors", "<xml/>", "Content-Type: application/xml"), 415);
        assertProblem(http.send("POST", "/monitors", "{}", "Content-Type: application/json", "Accept: text/html"), 406);
        assertProblem(
                http.send("POST", "/monitors", "{\"name\":" + "[".repeat(5000), "Content-Type: application/json"), 400);
        assertProblem(http.send("POST", "/monitors", "\"\\ud800\"", "Content-Type: application/json"), 400);
        assertThat(output.getOut() + output.getErr()).doesNotContain("\tat ");
    }

    @Test
    void oversizedRequestLinesAndHeadersAreNotHtml() {
        // Tomcat answers these itself, before the application: its error report valve is ours (problem+json).
        Response longLine = http.get("/monitors?x=" + "a".repeat(20_000));
        assertThat(longLine.status()).isBetween(400, 499);
        assertThat(longLine.isProblem()).as(longLine.toString()).isTrue();

        Response bigHeader = http.get("/monitors", "X-Big: " + "b".repeat(20_000));
        assertThat(bigHeader.status()).isBetween(400, 499);
        assertThat(bigHeader.isProblem()).as(bigHeader.toString()).isTrue();
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
    }
}
