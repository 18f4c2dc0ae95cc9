package com.healthmonitor.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.MutableClock;
import com.healthmonitor.api.testing.RawHttp;
import com.healthmonitor.api.testing.RawHttp.Response;
import com.healthmonitor.testing.TestDatabaseInitializer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"health-monitor.api.api-keys=key-a,key-b", "health-monitor.api.rate-limit.per-minute=3"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class RateLimitPerKeyTest {

    @LocalServerPort
    private int port;

    @Autowired
    private MutableClock clock;

    @Test
    void eachKeyHasItsOwnAllowanceAndGetsA429WithRetryAfterBeyondIt() {
        RawHttp http = new RawHttp(port);
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/monitors", "X-API-Key: key-a").status()).isEqualTo(200);
        }

        Response limited = http.get("/monitors", "X-API-Key: key-a");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.isProblem()).as(limited.toString()).isTrue();
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        // Another key, even from the same address, is another client.
        assertThat(http.get("/monitors", "Authorization: Bearer key-b").status())
                .isEqualTo(200);
        // Probes are never limited, whatever the client sent before.
        for (int i = 0; i < 10; i++) {
            assertThat(http.get("/health").status()).isEqualTo(200);
            assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
        }

        clock.advance(Duration.ofMinutes(1));
        assertThat(http.get("/monitors", "X-API-Key: key-a").status()).isEqualTo(200);
    }

    @TestConfiguration
    static class Time {
        @Bean
        MutableClock clock() {
            return new MutableClock();
        }
    }
}
