package com.healthmonitor.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.RawHttp;
import com.healthmonitor.api.testing.RawHttp.Response;
import com.healthmonitor.testing.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/** Without keys the client is its address, and a client cannot pick a new one by sending X-Forwarded-For. */
// Own context, not @ApiIntegrationTest: needs a rate limit; the shared context has none.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"health-monitor.api.rate-limit.per-minute=3", "health-monitor.api.allow-anonymous=true"})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class RateLimitPerAddressTest {

    @LocalServerPort
    private int port;

    @Test
    void limitsEachAddressAndIgnoresForwardedForUnlessConfigured() {
        RawHttp http = new RawHttp(port);
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/monitors", "X-Forwarded-For: 203.0.113." + i).status())
                    .isEqualTo(200);
        }

        Response limited = http.get("/monitors", "X-Forwarded-For: 198.51.100.7");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.isProblem()).isTrue();
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(http.get("/health").status()).isEqualTo(200);
    }
}
