package com.healthmonitor.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.RawHttp;
import com.healthmonitor.api.testing.RawHttp.Response;
import com.healthmonitor.testing.MutableClock;
import com.healthmonitor.testing.TestDatabaseInitializer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ContextConfiguration;

// Own context, not @ApiIntegrationTest: needs API keys and a rate limit; the shared context is anonymous without a
// limit.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "health-monitor.api.api-keys=" + RateLimitPerKeyTest.KEY_A + "," + RateLimitPerKeyTest.KEY_B,
            "health-monitor.api.rate-limit.per-minute=3"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class RateLimitPerKeyTest {

    /** At least 32 characters, as every API key must be. */
    static final String KEY_A = "key-a-0123456789abcdef0123456789abcdef";

    static final String KEY_B = "key-b-0123456789abcdef0123456789abcdef";

    @LocalServerPort
    private int port;

    @Autowired
    private MutableClock clock;

    @Test
    void eachKeyHasItsOwnAllowanceAndGetsA429WithRetryAfterBeyondIt() {
        RawHttp http = new RawHttp(port);
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/monitors", "X-API-Key: " + KEY_A).status()).isEqualTo(200);
        }

        Response limited = http.get("/monitors", "X-API-Key: " + KEY_A);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.isProblem()).as(limited.toString()).isTrue();
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        // Another key, even from the same address, is another client.
        assertThat(http.get("/monitors", "Authorization: Bearer " + KEY_B).status())
                .isEqualTo(200);
        // Probes are never limited, whatever the client sent before.
        for (int i = 0; i < 10; i++) {
            assertThat(http.get("/health").status()).isEqualTo(200);
            assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
        }

        clock.advance(Duration.ofMinutes(1));
        assertThat(http.get("/monitors", "X-API-Key: " + KEY_A).status()).isEqualTo(200);
    }

    @TestConfiguration
    static class Time {
        @Bean
        MutableClock clock() {
            return new MutableClock();
        }
    }
}
