package com.healthmonitor.api.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;

/**
 * One Bucket4j token bucket per client, refilled greedily at the per-minute rate. The buckets live in a bounded
 * Caffeine cache that forgets a client idle for longer than a full refill, when its bucket would be full anyway.
 */
class ClientRateLimiter {

    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final int perMinute;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    /** {@code perMinute} 0 switches the limit off. */
    ClientRateLimiter(int perMinute, int maxClients, Clock clock) {
        this.perMinute = perMinute;
        this.time = new ClockTimeMeter(clock);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterAccess(PERIOD)
                .ticker(() -> time.currentTimeNanos())
                .build();
    }

    /**
     * A client known by its address only: {@code getRemoteAddr()}, which is the {@code X-Forwarded-For} address
     * only when {@code server.forward-headers-strategy} tells Tomcat to trust the proxy in front.
     */
    static String address(HttpServletRequest request) {
        return "ip:" + request.getRemoteAddr();
    }

    boolean enabled() {
        return perMinute > 0;
    }

    int perMinute() {
        return perMinute;
    }

    /** Takes one request from {@code client}'s allowance. */
    ConsumptionProbe tryConsume(String client) {
        return buckets.get(client, ignored -> newBucket()).tryConsumeAndReturnRemaining(1);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perMinute)
                        .refillGreedy(perMinute, PERIOD)
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
