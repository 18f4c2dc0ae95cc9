package com.healthmonitor.api.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * One Bucket4j token bucket per client, refilled greedily at the per-minute rate. The buckets live in a bounded
 * Caffeine cache that forgets a client idle for longer than a full refill, when its bucket would be full anyway.
 */
@Component
class ClientRateLimiter {

    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final RateLimitProperties properties;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    ClientRateLimiter(RateLimitProperties properties, Clock clock) {
        this.properties = properties;
        this.time = new ClockTimeMeter(clock);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxClients())
                .expireAfterAccess(PERIOD)
                .ticker(() -> time.currentTimeNanos())
                .build();
    }

    boolean enabled() {
        return properties.enabled();
    }

    int perMinute() {
        return properties.perMinute();
    }

    /** Takes one request from {@code client}'s allowance. */
    ConsumptionProbe tryConsume(String client) {
        return buckets.get(client, ignored -> newBucket()).tryConsumeAndReturnRemaining(1);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(properties.perMinute())
                        .refillGreedy(properties.perMinute(), PERIOD)
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }

    /** Bucket4j and Caffeine on the application's clock, so tests can move time. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
