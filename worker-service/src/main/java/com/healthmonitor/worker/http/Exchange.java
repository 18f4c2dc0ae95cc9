package com.healthmonitor.worker.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request's answer, read within the deadline.
 *
 * @param status the response status
 * @param headers first value of each response header, names in lower case
 * @param body the first bytes of the body (empty when the caller did not ask to keep it)
 * @param truncated the body was longer than the read limit; the rest was not read
 * @param certificates the server's certificate chain for https, leaf first; empty for http
 */
public record Exchange(
        int status, Map<String, String> headers, byte[] body, boolean truncated, List<X509Certificate> certificates) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The body as text, in the charset the response declares (UTF-8 when it declares none or an unknown one). */
    public String bodyText() {
        return new String(body, charset());
    }

    private Charset charset() {
        String type = headers.getOrDefault("content-type", "");
        int at = type.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        String name = type.substring(at + 8).split(";")[0].strip().replace("\"", "");
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
