package com.healthmonitor.worker.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSenderRetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-01-20T10:30:00Z");

    @Test
    void readsRetryAfterInSeconds() {
        assertThat(WebhookSender.retryAfter("30", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        assertThat(WebhookSender.retryAfter("Tue, 20 Jan 2026 10:30:45 GMT", NOW))
                .contains(Duration.ofSeconds(45));
    }

    @Test
    void treatsAPastDateAsNoWait() {
        assertThat(WebhookSender.retryAfter("Tue, 20 Jan 2026 10:00:00 GMT", NOW))
                .contains(Duration.ZERO);
    }

    @Test
    void ignoresGarbage() {
        assertThat(WebhookSender.retryAfter("soon", NOW)).isEmpty();
    }
}
