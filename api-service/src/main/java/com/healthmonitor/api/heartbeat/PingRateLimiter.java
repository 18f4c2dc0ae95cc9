package com.healthmonitor.api.heartbeat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Pings per token: a Bucket4j bucket of {@code pings-per-second}, refilled greedily, per token hash, in a bounded
 * Caffeine cache that forgets a token idle for a minute. A token in a loop gets 429 while the others go on; the API's
 * per-address limit applies as well (pings carry no key).
 */
@Component
class PingRateLimiter {

    private final int perSecond;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    PingRateLimiter(HeartbeatProperties properties, Clock clock) {
        this.perSecond = properties.pingsPerSecond();
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.buckets = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(1))
                .ticker(time::currentTimeNanos)
                .build();
    }

    int perSecond() {
        return perSecond;
    }

    /** Takes one ping from the token's allowance: 0 when allowed, else whole seconds until the next one is. */
    long secondsToWait(byte[] tokenHash) {
        ConsumptionProbe probe = buckets.get(HexFormat.of().formatHex(tokenHash), ignored -> newBucket())
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perSecond)
                        .refillGreedy(perSecond, Duration.ofSeconds(1))
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }
}
