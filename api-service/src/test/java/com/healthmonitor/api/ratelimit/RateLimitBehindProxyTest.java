package com.healthmonitor.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmonitor.api.testing.RawHttp;
import com.healthmonitor.testing.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Behind a load balancer ({@code SERVER_FORWARD_HEADERS_STRATEGY=native}) Tomcat takes the client address from
 * X-Forwarded-For when the peer is an internal proxy, so clients are told apart rather than all sharing the
 * balancer's address.
 */
// Own context, not @ApiIntegrationTest: needs a rate limit and forwarded headers trusted; the shared context has
// neither.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "health-monitor.api.rate-limit.per-minute=2",
            "server.forward-headers-strategy=native",
            "health-monitor.api.allow-anonymous=true"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class RateLimitBehindProxyTest {

    @LocalServerPort
    private int port;

    @Test
    void limitsEachForwardedClientSeparately() {
        RawHttp http = new RawHttp(port);
        for (int i = 0; i < 2; i++) {
            assertThat(http.get("/monitors", "X-Forwarded-For: 203.0.113.1").status())
                    .isEqualTo(200);
            assertThat(http.get("/monitors", "X-Forwarded-For: 203.0.113.2").status())
                    .isEqualTo(200);
        }
        assertThat(http.get("/monitors", "X-Forwarded-For: 203.0.113.1").status())
                .isEqualTo(429);
        assertThat(http.get("/monitors", "X-Forwarded-For: 203.0.113.3").status())
                .isEqualTo(200);
    }
}
