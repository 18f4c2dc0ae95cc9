package com.healthmonitor.worker.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The worker's one HTTP client, for checks and webhooks (Apache HttpClient 5, classic API, on the caller's
 * virtual thread).
 *
 * <ul>
 *   <li>Every connection goes to an address the SSRF guard approved ({@link GuardedDnsResolver}).
 *   <li>One deadline bounds the whole exchange: name resolution, connect, TLS, request, response and the body read.
 *       A timer aborts the exchange when it passes, so a server dripping bytes cannot outlast it.
 *   <li>No redirects, retries, cookies, authentication or decompression of its own: the caller decides, and every
 *       redirect hop is a new request through the guard.
 *   <li>A response's head is bounded ({@link ResponseHeaderLimits}: 100 headers, 8 KiB lines, 64 KiB in all), its
 *       body read up to {@link #MAX_BODY_BYTES}.
 *   <li>Connections are pooled and kept alive, as the JDK client did, and validated after a second idle.
 * </ul>
 */
public final class GuardedHttpClient implements AutoCloseable {

    /** The most of a body ever read; a longer body is cut off and its connection not reused. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private static final int MAX_CONNECTIONS = 2_000;

    private final CloseableHttpClient client;
    private final ScheduledExecutorService timer;

    private GuardedHttpClient(CloseableHttpClient client, ScheduledExecutorService timer) {
        this.client = client;
        this.timer = timer;
    }

    /**
     * @param guard approves every address connected to
     * @param sslContext trust material for https (the JDK's default trust store in production)
     * @param dnsTimeout bound on name resolution when a request is sent without a deadline
     */
    public static GuardedHttpClient create(TargetGuard guard, SSLContext sslContext, Duration dnsTimeout) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(guard, dnsTimeout))
                .setConnectionFactory(ResponseHeaderLimits.connections())
                .setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                        .setSslContext(sslContext)
                        .buildClassic())
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        // Backstops only: each request's deadline is shorter (a check's timeout is at most 60 s).
                        .setConnectTimeout(Timeout.ofSeconds(60))
                        .setSocketTimeout(Timeout.ofSeconds(60))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictExpiredConnections()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("http-deadline").daemon().factory());
        return new GuardedHttpClient(client, timer);
    }

    /**
     * Sends {@code request} and reads the response within {@code deadlineNanos} (a {@link System#nanoTime} value).
     *
     * @param keepBody whether the body's first {@link #MAX_BODY_BYTES} are kept (otherwise read and dropped)
     * @throws TimeoutException the deadline passed
     * @throws IOException the exchange failed (the guard's refusal arrives as an UnknownHostException whose cause is
     *     a {@link BlockedTargetException})
     */
    @SuppressWarnings("deprecation") // the per-request connect timeout is what makes one deadline possible
    public Exchange send(HttpUriRequestBase request, long deadlineNanos, boolean keepBody)
            throws IOException, TimeoutException, InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw new TimeoutException();
        }
        Timeout timeout = Timeout.ofMilliseconds(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
        request.setConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(timeout)
                .setConnectTimeout(timeout)
                .setResponseTimeout(timeout)
                .build());
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> abort = timer.schedule(
                () -> {
                    expired.set(true);
                    request.cancel();
                },
                remaining,
                TimeUnit.NANOSECONDS);
        try {
            return ScopedValue.where(ExchangeDeadline.NANOS, deadlineNanos)
                    .call(() -> exchange(request, keepBody, timeout));
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("exchange interrupted");
            }
            if (expired.get() || e instanceof SocketTimeoutException || isTimeout(e)) {
                throw (TimeoutException) new TimeoutException("deadline passed").initCause(e);
            }
            throw e;
        } finally {
            abort.cancel(false);
        }
    }

    private Exchange exchange(HttpUriRequestBase request, boolean keepBody, Timeout timeout) throws IOException {
        HttpClientContext context = HttpClientContext.create();
        ClassicHttpResponse response = client.executeOpen(null, request, context);
        boolean complete = false;
        try {
            List<X509Certificate> chain = certificates(context.getSSLSession());
            Map<String, String> headers = new HashMap<>();
            for (Header header : response.getHeaders()) {
                headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
            }
            HttpEntity entity = response.getEntity();
            ByteArrayOutputStream kept = new ByteArrayOutputStream(keepBody ? 1024 : 0);
            boolean truncated = false;
            if (entity != null) {
                try (InputStream in = entity.getContent()) {
                    truncated = read(in, keepBody ? kept : null);
                    if (truncated) {
                        // Closing the stream would drain the rest of a possibly endless body: drop the connection.
                        request.cancel();
                    }
                }
            }
            complete = true;
            return new Exchange(response.getCode(), headers, kept.toByteArray(), truncated, chain);
        } finally {
            if (!complete) {
                request.cancel();
            }
            try {
                response.close();
            } catch (IOException ignored) {
                // The exchange's outcome is decided; a failing close only means the connection is not reused.
            }
        }
    }

    /** Reads up to {@link #MAX_BODY_BYTES}; returns true when more was left. */
    private static boolean read(InputStream in, ByteArrayOutputStream kept) throws IOException {
        byte[] buffer = new byte[8192];
        int total = 0;
        while (total < MAX_BODY_BYTES) {
            int n = in.read(buffer, 0, Math.min(buffer.length, MAX_BODY_BYTES - total));
            if (n < 0) {
                return false;
            }
            if (kept != null) {
                kept.write(buffer, 0, n);
            }
            total += n;
        }
        return in.read() >= 0;
    }

    private static List<X509Certificate> certificates(SSLSession session) {
        if (session == null) {
            return List.of();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : session.getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
            return List.copyOf(chain);
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    private static boolean isTimeout(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof SocketTimeoutException
                    || t instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.close(CloseMode.IMMEDIATE);
    }
}
