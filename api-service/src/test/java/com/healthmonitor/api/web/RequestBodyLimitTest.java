package com.healthmonitor.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.ApiIntegrationTest;
import com.healthmonitor.api.testing.RawHttp;
import com.healthmonitor.api.testing.RawHttp.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Request bodies beyond the limit (1 MiB by default) are a 413 problem, whether the client declares their length or
 * sends them chunked; smaller bodies are parsed and validated as before.
 */
@ApiIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RequestBodyLimitTest {

    private static final int MIB = 1024 * 1024;

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    private int port;

    @Test
    void aBodyWithADeclaredLengthAboveTheLimitIs413(CapturedOutput output) {
        Response response = new RawHttp(port)
                .send("POST", "/monitors", monitorNamed(MIB + MIB / 2), "Content-Type: application/json");

        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.body()).contains("1048576 bytes");
        assertThat(output.getOut() + output.getErr()).doesNotContain("\tat ");
    }

    @Test
    void aHugeDeclaredLengthIs413BeforeTheBodyIsSent() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            // Only the head: the answer comes without waiting for the 1 GiB announced.
            socket.getOutputStream()
                    .write(("POST /monitors HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 1073741824\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = readAnswer(socket.getInputStream());

            assertThat(answer)
                    .startsWith("HTTP/1.1 413 ")
                    .contains("Content-Type: application/problem+json")
                    .contains("\"status\":413");
        }
    }

    /** The answer's head and its body up to the end of the problem object; the connection may stay open. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            answer.append((char) c);
            int head = answer.indexOf("\r\n\r\n");
            if (head > 0 && answer.charAt(answer.length() - 1) == '}') {
                break;
            }
        }
        return answer.toString();
    }

    @Test
    void aChunkedBodyGrowingBeyondTheLimitIs413(CapturedOutput output) throws Exception {
        HttpResponse<String> response = postChunked(monitorNamed(MIB + MIB / 2));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("1048576 bytes");
        assertThat(output.getOut() + output.getErr()).doesNotContain("\tat ");
    }

    @Test
    void bodiesWithinTheLimitAreParsedAndValidatedAsBefore() throws Exception {
        // Chunked and just under the limit: the name is too long, a 400 naming it, not a 413.
        HttpResponse<String> chunked = postChunked(monitorNamed(MIB - 1000));
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(400);
        assertThat(chunked.body()).contains("\"field\":\"name\"");

        Response declared =
                new RawHttp(port).send("POST", "/monitors", monitorNamed(MIB - 1000), "Content-Type: application/json");
        assertThat(declared.status()).as(declared.toString()).isEqualTo(400);
        assertThat(declared.body()).contains("\"field\":\"name\"");

        HttpResponse<String> small = postChunked("""
                {"name": "chunked", "url": "https://example.com/", "check_interval": 60}""");
        assertThat(small.statusCode()).as(small.body()).isEqualTo(201);
    }

    /** Sent from a stream of unknown length, which HTTP/1.1 sends chunked. */
    private HttpResponse<String> postChunked(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/monitors"))
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                        .build(),
                BodyHandlers.ofString());
    }

    private static String monitorNamed(int size) {
        return "{\"name\": \"" + "n".repeat(size) + "\", \"url\": \"https://example.com/\"}";
    }
}
