package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.CheckSpec;
import com.healthmonitor.common.check.Locations;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Builds the HTTP request of one hop of a check from the monitor's settings. Pure: no I/O.
 *
 * <p>The first hop sends the monitor's method, headers and body. A redirect hop follows the browsers' rules: 303,
 * and 301/302 after anything but GET/HEAD, continue as a GET without body; 307/308 repeat method and body. The
 * monitor's own headers and body (often credentials) go only to the origin of the monitored URL, never to another
 * origin a redirect points at: headers are left out, and a 307/308 that would carry the body elsewhere is not
 * followed ({@link HttpChecker}).
 */
final class RequestBuilder {

    static final String USER_AGENT = "HealthMonitor/1.0";
    static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=UTF-8";

    private RequestBuilder() {}

    /** The request of the first hop. */
    static Hop first(URI target, CheckSpec spec) {
        return new Hop(target, spec.method(), spec.body() != null);
    }

    /** The request after a {@code status} redirect from {@code previous} to {@code location}. */
    static Hop redirect(Hop previous, int status, URI location) {
        boolean keepMethod = status == 307 || status == 308;
        boolean safe = previous.method().equals("GET") || previous.method().equals("HEAD");
        if (keepMethod || (safe && status != 303)) {
            return new Hop(location, previous.method(), previous.sendsBody());
        }
        return new Hop(location, status == 303 && previous.method().equals("HEAD") ? "HEAD" : "GET", false);
    }

    static HttpUriRequestBase build(Hop hop, URI origin, CheckSpec spec) {
        HttpUriRequestBase request = new HttpUriRequestBase(hop.method(), hop.uri());
        request.setHeader("User-Agent", USER_AGENT);
        request.setHeader("Cache-Control", "no-cache");
        request.setHeader("Pragma", "no-cache");
        // Lets a target (or a test) tell the locations apart, e.g. to fail for one of them.
        if (CheckLocation.CURRENT.isBound()) {
            request.setHeader(Locations.HEADER, CheckLocation.CURRENT.get());
        }
        if (sameOrigin(hop.uri(), origin)) {
            for (Map.Entry<String, String> header : spec.headers().entrySet()) {
                request.setHeader(header.getKey(), header.getValue());
            }
        }
        if (hop.sendsBody() && spec.body() != null) {
            String type = spec.contentType() == null ? DEFAULT_CONTENT_TYPE : spec.contentType();
            ContentType contentType = ContentType.parse(type);
            if (contentType.getCharset() == null) {
                contentType = contentType.withCharset(StandardCharsets.UTF_8);
            }
            request.setEntity(new StringEntity(spec.body(), contentType));
        }
        return request;
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** One hop: where, with which method, and whether the monitor's body goes along. */
    record Hop(URI uri, String method, boolean sendsBody) {
        Hop {
            Objects.requireNonNull(uri, "uri");
        }
    }
}
