package com.healthmonitor.worker.http;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParser;
import org.apache.hc.core5.http.io.HttpTransportMetrics;
import org.apache.hc.core5.http.io.SessionInputBuffer;
import org.apache.hc.core5.util.CharArrayBuffer;

/**
 * What the worker accepts of a response's head from a target (or a webhook): at most {@link #MAX_HEADERS} header
 * fields, lines of at most {@link #MAX_LINE} characters, and {@link #MAX_TOTAL} characters in all. HttpClient 5
 * enforces the first two itself ({@link Http1Config}; its defaults are close, stated here so that they are ours);
 * the total is counted here, around its parser. A target sending endless headers fails the check with the reason
 * instead of filling the heap.
 */
final class ResponseHeaderLimits {

    static final int MAX_HEADERS = 100;
    static final int MAX_LINE = 8 * 1024;
    static final int MAX_TOTAL = 64 * 1024;

    private ResponseHeaderLimits() {}

    static ManagedHttpClientConnectionFactory connections() {
        Http1Config limits = Http1Config.custom()
                // HttpClient refuses a head once it holds this many fields: one more allows MAX_HEADERS.
                .setMaxHeaderCount(MAX_HEADERS + 1)
                .setMaxLineLength(MAX_LINE)
                .build();
        return ManagedHttpClientConnectionFactory.builder()
                .http1Config(limits)
                // The connection asks its parser factory with the default configuration, not the one above (as
                // HttpClient's own factory does, this one keeps its own). A parser per response: one keeps the
                // lines of a head it refused.
                .responseParserFactory(
                        ignored -> (buffer, in) -> new DefaultHttpResponseParser(limits).parse(new Counted(buffer), in))
                .build();
    }

    /** The connection's buffer, counting the characters of the head's lines as the parser reads them. */
    private static final class Counted implements SessionInputBuffer {
        private final SessionInputBuffer buffer;
        private int total;

        Counted(SessionInputBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int readLine(CharArrayBuffer dst, InputStream in) throws IOException {
            int read = buffer.readLine(dst, in);
            total += Math.max(read, 0) + 2;
            if (total > MAX_TOTAL) {
                throw new MessageConstraintException("Maximum header size exceeded (" + MAX_TOTAL + " characters)");
            }
            return read;
        }

        @Override
        public int length() {
            return buffer.length();
        }

        @Override
        public int capacity() {
            return buffer.capacity();
        }

        @Override
        public int available() {
            return buffer.available();
        }

        @Override
        public int read(byte[] b, int off, int len, InputStream in) throws IOException {
            return buffer.read(b, off, len, in);
        }

        @Override
        public int read(byte[] b, InputStream in) throws IOException {
            return buffer.read(b, in);
        }

        @Override
        public int read(InputStream in) throws IOException {
            return buffer.read(in);
        }

        @Override
        public HttpTransportMetrics getMetrics() {
            return buffer.getMetrics();
        }
    }
}
