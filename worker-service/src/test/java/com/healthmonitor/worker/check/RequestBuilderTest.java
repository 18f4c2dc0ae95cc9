package com.healthmonitor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.common.check.CheckSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.junit.jupiter.api.Test;

class RequestBuilderTest {

    private static final URI ORIGIN = URI.create("https://api.example.com/health");
    private static final CheckSpec POST = new CheckSpec(
            "POST",
            Map.of("Authorization", "Bearer t", "User-Agent", "Custom/2"),
            "{\"a\":1}",
            null,
            List.of("200"),
            List.of(),
            true,
            14);

    @Test
    void aPlainMonitorSendsTheGetItAlwaysSent() throws Exception {
        HttpUriRequestBase request = RequestBuilder.build(
                RequestBuilder.first(ORIGIN, CheckSpec.plainGet(200)), ORIGIN, CheckSpec.plainGet(200));

        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUri()).isEqualTo(ORIGIN);
        assertThat(request.getFirstHeader("User-Agent").getValue()).isEqualTo("HealthMonitor/1.0");
        assertThat(request.getFirstHeader("Cache-Control").getValue()).isEqualTo("no-cache");
        assertThat(request.getEntity()).isNull();
    }

    @Test
    void sendsTheMonitorsMethodHeadersAndBodyWithADefaultContentType() throws IOException {
        HttpUriRequestBase request = RequestBuilder.build(RequestBuilder.first(ORIGIN, POST), ORIGIN, POST);

        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getFirstHeader("Authorization").getValue()).isEqualTo("Bearer t");
        assertThat(request.getFirstHeader("User-Agent").getValue())
                .as("the monitor's own wins")
                .isEqualTo("Custom/2");
        assertThat(request.getEntity().getContentType()).isEqualTo("text/plain; charset=UTF-8");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        request.getEntity().writeTo(body);
        assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void followsRedirectsAsBrowsersDo() {
        RequestBuilder.Hop post = RequestBuilder.first(ORIGIN, POST);
        URI next = URI.create("https://api.example.com/v2/health");

        assertThat(RequestBuilder.redirect(post, 307, next)).isEqualTo(new RequestBuilder.Hop(next, "POST", true));
        assertThat(RequestBuilder.redirect(post, 308, next)).isEqualTo(new RequestBuilder.Hop(next, "POST", true));
        assertThat(RequestBuilder.redirect(post, 303, next)).isEqualTo(new RequestBuilder.Hop(next, "GET", false));
        assertThat(RequestBuilder.redirect(post, 301, next)).isEqualTo(new RequestBuilder.Hop(next, "GET", false));
        RequestBuilder.Hop head = new RequestBuilder.Hop(ORIGIN, "HEAD", false);
        assertThat(RequestBuilder.redirect(head, 302, next)).isEqualTo(new RequestBuilder.Hop(next, "HEAD", false));
    }

    @Test
    void sendsTheMonitorsHeadersOnlyToItsOwnOrigin() {
        URI elsewhere = URI.create("https://login.example.org/");
        URI otherPort = URI.create("https://api.example.com:8443/");

        HttpUriRequestBase away = RequestBuilder.build(new RequestBuilder.Hop(elsewhere, "GET", false), ORIGIN, POST);
        HttpUriRequestBase port = RequestBuilder.build(new RequestBuilder.Hop(otherPort, "GET", false), ORIGIN, POST);
        HttpUriRequestBase home = RequestBuilder.build(
                new RequestBuilder.Hop(URI.create("HTTPS://API.example.com:443/x"), "GET", false), ORIGIN, POST);

        assertThat(away.getFirstHeader("Authorization")).isNull();
        assertThat(port.getFirstHeader("Authorization")).isNull();
        assertThat(home.getFirstHeader("Authorization").getValue()).isEqualTo("Bearer t");
    }
}
