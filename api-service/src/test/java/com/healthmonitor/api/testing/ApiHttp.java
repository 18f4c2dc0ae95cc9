package com.healthmonitor.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;

/** Real HTTP to the running api of an {@link ApiIntegrationTest}; a body is sent as JSON. */
@TestComponent
public final class ApiHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final Environment environment;

    ApiHttp(Environment environment) {
        this.environment = environment;
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    public HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (body == null) {
            request.method(method, BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body));
        }
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }

    /** The absolute URL of {@code path}; the port is known only once the server has started. */
    public String url(String path) {
        return "http://localhost:" + environment.getRequiredProperty("local.server.port") + path;
    }
}
