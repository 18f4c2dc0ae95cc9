package com.healthmonitor.worker.alert.channel;

import com.healthmonitor.common.secret.Secrets;
import com.healthmonitor.worker.alert.AlertProperties;
import com.healthmonitor.worker.http.Exchange;
import com.healthmonitor.worker.http.GuardedHttpClient;
import com.healthmonitor.worker.http.HttpErrors;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one alert to its webhook: a short in-process retry (resilience4j, exponential backoff, Slack's 429
 * {@code Retry-After} honoured) for blips; longer outages are the dispatcher's business (it reschedules).
 */
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final GuardedHttpClient client;
    private final AlertProperties properties;
    private final Clock clock;
    private final Retry retry;

    WebhookSender(GuardedHttpClient client, AlertProperties properties, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
        Duration maxWait = properties.maxInProcessWait();
        this.retry = Retry.of(
                "slack-webhook",
                RetryConfig.<Response>custom()
                        .maxAttempts(properties.maxAttempts())
                        .retryOnResult(r -> r.retryable()
                                && (r.retryAfter() == null || r.retryAfter().compareTo(maxWait) <= 0))
                        .intervalBiFunction((attempt, result) -> {
                            if (result.isRight() && result.get().retryAfter() != null) {
                                return result.get().retryAfter().toMillis();
                            }
                            long backoff = properties.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
                            return Math.min(backoff, maxWait.toMillis());
                        })
                        .failAfterMaxAttempts(false)
                        .build());
    }

    /** Sends {@code payload}; never throws. */
    DeliveryResult send(String webhookUrl, String payload) {
        return send(webhookUrl, payload, Map.of());
    }

    /** Sends {@code payload} with extra request headers (a signature); never throws. */
    DeliveryResult send(String webhookUrl, String payload, Map<String, String> headers) {
        AtomicInteger posts = new AtomicInteger();
        Response last = retry.executeSupplier(() -> {
            posts.incrementAndGet();
            Response response = post(webhookUrl, payload, headers);
            if (!response.ok()) {
                log.warn(
                        "[WEBHOOK] attempt failed status={} to={}: {}",
                        response.status(),
                        Secrets.maskUrl(webhookUrl),
                        response.error());
            }
            return response;
        });
        if (last.ok()) {
            return new DeliveryResult.Delivered(posts.get(), last.status());
        }
        return new DeliveryResult.Failed(
                posts.get(),
                last.status() == 0 ? null : last.status(),
                last.error(),
                last.permanent(),
                last.retryAfter());
    }

    private Response post(String webhookUrl, String payload, Map<String, String> headers) {
        try {
            HttpPost request = new HttpPost(URI.create(webhookUrl));
            request.setHeader("User-Agent", "HealthMonitor/1.0");
            request.setEntity(
                    new StringEntity(payload, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
            headers.forEach(request::setHeader);
            Exchange response = client.send(
                    request, System.nanoTime() + properties.requestTimeout().toNanos(), true);
            int status = response.status();
            if (status >= 200 && status < 300) {
                return new Response(status, null, null, false);
            }
            Duration retryAfter = response.header("Retry-After")
                    .flatMap(value -> retryAfter(value, clock.instant()))
                    .orElse(null);
            String body = response.bodyText().strip();
            String error = "HTTP " + status + (body.isEmpty() ? "" : ": " + abbreviate(body, 200));
            // Slack answers 4xx for a revoked or malformed webhook: retrying cannot help. 408/429 are transient.
            boolean permanent = status < 500 && status != 408 && status != 429;
            return new Response(status, retryAfter, error, permanent);
        } catch (IllegalArgumentException e) {
            return new Response(0, null, "invalid webhook URL", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, null, "interrupted", false);
        } catch (IOException | TimeoutException e) {
            String error = HttpErrors.describe(
                    e, (int) Math.max(1, properties.requestTimeout().toSeconds()));
            // A webhook the guard refuses stays refused: no retry.
            return new Response(0, null, error, error.equals("blocked private address"));
        }
    }

    /** Seconds or an HTTP date, as RFC 9110 allows. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String text = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    /**
     * One POST's outcome, for the retry; a round's is a {@link DeliveryResult}.
     *
     * @param status HTTP status, 0 when no response arrived
     * @param retryAfter the server's requested wait, if any
     * @param error what went wrong, null on 2xx
     * @param permanent retrying cannot help
     */
    record Response(int status, Duration retryAfter, String error, boolean permanent) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean retryable() {
            return !ok() && !permanent;
        }
    }
}
