package com.healthmonitor.worker.check;

import com.healthmonitor.common.check.CheckSpec;
import com.healthmonitor.common.check.CheckTarget;
import com.healthmonitor.worker.http.Exchange;
import com.healthmonitor.worker.http.GuardedHttpClient;
import com.healthmonitor.worker.http.HttpErrors;
import com.healthmonitor.worker.result.CheckResult;
import com.healthmonitor.worker.result.TlsInspection;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Performs one check: sends the monitor's request, follows redirects if asked, and judges the final response
 * ({@link ResponseAssertions}) and its certificate ({@link TlsInspection}).
 *
 * <p>The monitor's timeout bounds the whole check: DNS, every redirect hop, the body read and the assertions on it
 * (which stop at the deadline, see {@link AssertionBudget}). Redirects are followed here rather than by the client so
 * that each hop's target passes the SSRF guard.
 */
public final class HttpChecker implements Checker<CheckTarget.Http> {

    static final String USER_AGENT = RequestBuilder.USER_AGENT;

    private final GuardedHttpClient client;
    private final int maxRedirects;
    private final Clock clock;

    public HttpChecker(GuardedHttpClient client, int maxRedirects, Clock clock) {
        this.client = client;
        this.maxRedirects = maxRedirects;
        this.clock = clock;
    }

    @Override
    public Class<CheckTarget.Http> targetType() {
        return CheckTarget.Http.class;
    }

    @Override
    public CheckResult check(CheckTarget.Http target, int timeoutSeconds) {
        return check(target.url(), timeoutSeconds, target.spec());
    }

    /** A plain GET expecting one status: the check every monitor had before the richer settings. */
    public CheckResult check(String url, int timeoutSeconds, int expectedStatusCode) {
        return check(url, timeoutSeconds, CheckSpec.plainGet(expectedStatusCode));
    }

    public CheckResult check(String url, int timeoutSeconds, CheckSpec spec) {
        // PostgreSQL keeps microseconds: truncate so the stored time and the alert's time agree.
        Instant checkedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        ResponseAssertions assertions = new ResponseAssertions(spec);
        Optional<String> unevaluable = assertions.unevaluable();
        if (unevaluable.isPresent()) {
            return new CheckResult(checkedAt, false, null, 0, unevaluable.get());
        }
        try {
            Exchange response = finalResponse(URI.create(url), spec, assertions, deadline);
            int latency = millisSince(start);
            TlsInspection tls = TlsInspection.of(response.certificates()).orElse(null);
            String body = assertions.needsBody() ? response.bodyText() : "";
            Optional<String> failure;
            try {
                failure = assertions.failure(response.status(), body, latency, deadline);
            } catch (AssertionBudget.OutOfTime e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CheckInterruptedException(new InterruptedException("check interrupted"));
                }
                failure = Optional.of(CheckErrors.assertionsOutOfTime(timeoutSeconds));
            }
            return new CheckResult(checkedAt, failure.isEmpty(), response.status(), latency, failure.orElse(null), tls);
        } catch (InterruptedException e) {
            // Shutting down: the target did nothing wrong, so record nothing and let the message come back.
            Thread.currentThread().interrupt();
            throw new CheckInterruptedException(e);
        } catch (CheckErrors.TooManyRedirectsException | CheckErrors.BodyToOtherOriginException e) {
            return new CheckResult(checkedAt, false, null, millisSince(start), e.getMessage());
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CheckInterruptedException(new InterruptedException("check interrupted"));
            }
            return new CheckResult(checkedAt, false, null, millisSince(start), HttpErrors.describe(e, timeoutSeconds));
        }
    }

    private Exchange finalResponse(URI target, CheckSpec spec, ResponseAssertions assertions, long deadline)
            throws Exception {
        RequestBuilder.Hop hop = RequestBuilder.first(target, spec);
        for (int redirects = 0; ; redirects++) {
            requireHttp(hop.uri());
            Exchange response = client.send(RequestBuilder.build(hop, target, spec), deadline, assertions.needsBody());
            int status = response.status();
            Optional<String> location = response.header("Location");
            // A monitor may expect the redirect itself (e.g. 301): then it is the answer.
            if (!spec.followRedirects()
                    || assertions.expectsStatus(status)
                    || !isRedirect(status)
                    || location.isEmpty()) {
                return response;
            }
            if (redirects >= maxRedirects) {
                throw new CheckErrors.TooManyRedirectsException(maxRedirects);
            }
            hop = RequestBuilder.redirect(hop, status, hop.uri().resolve(location.get()));
            requireHttp(hop.uri());
            if (hop.sendsBody() && spec.body() != null && !RequestBuilder.sameOrigin(hop.uri(), target)) {
                throw new CheckErrors.BodyToOtherOriginException(hop.uri());
            }
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
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("no host in " + scheme + " URL");
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static int millisSince(long start) {
        return (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
}
