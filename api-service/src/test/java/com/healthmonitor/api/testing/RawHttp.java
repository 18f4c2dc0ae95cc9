package com.healthmonitor.api.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so a test can send exactly the bytes an attacker would (raw percent-encodings,
 * {@code ;} parameters, TRACE, oversized lines) without a client library normalising them first.
 */
public final class RawHttp {

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    public Response get(String target, String... headers) {
        return send("GET", target, null, headers);
    }

    /** Sends one request on a fresh connection; {@code headers} are "Name: value" lines. */
    public Response send(String method, String target, String body, String... headers) {
        StringBuilder request = new StringBuilder();
        request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        request.append("Host: localhost:").append(port).append("\r\n");
        request.append("Connection: close\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.write(request.toString().getBytes(StandardCharsets.UTF_8));
            whole.write(content);
            try {
                out.write(whole.toByteArray());
                out.flush();
            } catch (IOException writeFailed) {
                // Tomcat may refuse a malformed request line at once and close before the rest is written (a
                // broken pipe here); its answer is already on the way, so read it rather than fail.
                try {
                    return Response.parse(socket.getInputStream().readAllBytes(), method);
                } catch (IOException | RuntimeException readFailed) {
                    writeFailed.addSuppressed(readFailed);
                    throw writeFailed;
                }
            }
            return Response.parse(socket.getInputStream().readAllBytes(), method);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    /** A parsed answer; {@code status} is -1 when the server closed the connection without one. */
    public record Response(int status, Map<String, String> headers, String body) {

        static Response parse(byte[] raw, String method) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            // Skip interim answers (100 Continue): the final one follows.
            while (text.startsWith("HTTP/1.1 1") && text.indexOf("\r\n\r\n") > 0) {
                int interim = text.indexOf("\r\n\r\n") + 4;
                text = text.substring(interim);
                raw = Arrays.copyOfRange(raw, interim, raw.length);
            }
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return new Response(-1, Map.of(), text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.merge(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim(),
                            (a, b) -> a + ", " + b);
                }
            }
            byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
            String decoded = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))
                    ? dechunk(body)
                    : new String(body, StandardCharsets.UTF_8);
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, decoded);
        }

        private static String dechunk(byte[] body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = new ByteArrayInputStream(body);
            try {
                while (true) {
                    StringBuilder size = new StringBuilder();
                    int c;
                    while ((c = in.read()) != -1 && c != '\n') {
                        if (c != '\r') {
                            size.append((char) c);
                        }
                    }
                    int length = size.isEmpty()
                            ? 0
                            : Integer.parseInt(size.toString().split(";")[0].trim(), 16);
                    if (length == 0) {
                        return out.toString(StandardCharsets.UTF_8);
                    }
                    out.write(in.readNBytes(length));
                    in.readNBytes(2);
                }
            } catch (IOException | NumberFormatException e) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public boolean isProblem() {
            return contentType().startsWith("application/problem+json") && body.startsWith("{");
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (body.length() > 300 ? body.substring(0, 300) : body);
        }
    }
}
