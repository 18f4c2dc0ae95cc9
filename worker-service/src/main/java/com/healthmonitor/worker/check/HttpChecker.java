package com.healthmonitor.worker.check;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Performs one check: GET the URL and compare the final status with the expected one.
 *
 * <p>The monitor's timeout bounds the whole exchange, DNS and every redirect hop included. Redirects are followed
 * here rather than by the client so that each hop's target passes the SSRF guard.
 */
public final class HttpChecker {

    static final String USER_AGENT = "HealthMonitor/1.0";

    private final HttpClient client;
    private final TargetGuard guard;
    private final int maxRedirects;
    private final Clock clock;

    public HttpChecker(HttpClient client, TargetGuard guard, int maxRedirects, Clock clock) {
        this.client = client;
        this.guard = guard;
        this.maxRedirects = maxRedirects;
        this.clock = clock;
    }

    public CheckResult check(String url, int timeoutSeconds, int expectedStatusCode) {
        // PostgreSQL keeps microseconds: truncate so the stored time and the alert's time agree.
        Instant checkedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            int status = finalStatus(URI.create(url), deadline, expectedStatusCode);
            int latency = millisSince(start);
            return status == expectedStatusCode
                    ? new CheckResult(checkedAt, true, status, latency, null)
                    : new CheckResult(
                            checkedAt,
                            false,
                            status,
                            latency,
                            CheckErrors.unexpectedStatus(status, expectedStatusCode));
        } catch (InterruptedException e) {
            // Shutting down: the target did nothing wrong, so record nothing and let the message come back.
            Thread.currentThread().interrupt();
            throw new CheckInterruptedException(e);
        } catch (Exception e) {
            return new CheckResult(checkedAt, false, null, millisSince(start), CheckErrors.describe(e, timeoutSeconds));
        }
    }

    private int finalStatus(URI target, long deadline, int expectedStatusCode) throws Exception {
        URI uri = target;
        for (int hop = 0; ; hop++) {
            requireHttp(uri);
            guard.verify(uri, remaining(deadline));
            HttpResponse<Void> response = send(uri, deadline);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            // A monitor may expect the redirect itself (e.g. 301): then it is the answer.
            if (status == expectedStatusCode || !isRedirect(status) || location.isEmpty()) {
                return status;
            }
            if (hop >= maxRedirects) {
                throw new CheckErrors.TooManyRedirectsException(maxRedirects);
            }
            uri = uri.resolve(location.get());
        }
    }

    private HttpResponse<Void> send(URI uri, long deadline) throws Exception {
        Duration remaining = remaining(deadline);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(remaining)
                .header("User-Agent", USER_AGENT)
                .header("Cache-Control", "no-cache")
                .header("Pragma", "no-cache")
                .build();
        // The body is discarded as it streams in, but it must have arrived before the future completes, so the
        // deadline covers it too. Cancelling the future aborts the exchange and releases the connection.
        CompletableFuture<HttpResponse<Void>> exchange =
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            return exchange.get(remaining.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The check was interrupted (worker shutdown); it has no result. */
    public static final class CheckInterruptedException extends RuntimeException {
        CheckInterruptedException(InterruptedException cause) {
            super("check interrupted", cause);
        }
    }

    private static void requireHttp(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("not an http(s) URL: " + scheme);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static Duration remaining(long deadline) throws TimeoutException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new TimeoutException();
        }
        return Duration.ofNanos(nanos);
    }

    private static int millisSince(long start) {
        return (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
}
