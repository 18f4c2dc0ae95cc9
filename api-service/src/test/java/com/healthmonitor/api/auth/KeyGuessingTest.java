package com.healthmonitor.api.auth;

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

/** Wrong keys per client address are limited (20 a minute by default); a valid key is never held back by them. */
// Own context, not @ApiIntegrationTest: needs an API key and the default limit on failed authentications.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "API_KEYS=" + KeyGuessingTest.KEY)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class KeyGuessingTest {

    /** Exactly the shortest length a key may have. */
    static final String KEY = "guessing-test-key-0123456789abcd";

    @LocalServerPort
    private int port;

    @Autowired
    private MutableClock clock;

    @Test
    void theTwentyFirstWrongKeyInAMinuteGets429WithRetryAfterWhileTheValidKeyFromTheSameAddressStillWorks() {
        assertThat(KEY).hasSize(ApiKeyProperties.MIN_KEY_LENGTH);
        RawHttp http = new RawHttp(port);
        for (int i = 1; i <= 20; i++) {
            assertThat(http.get("/monitors", "X-API-Key: guess-" + i).status())
                    .as("guess %d", i)
                    .isEqualTo(401);
        }

        Response limited = http.get("/monitors", "Authorization: Bearer guess-21");
        assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
        assertThat(limited.isProblem()).as(limited.toString()).isTrue();
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);

        assertThat(http.get("/monitors", "X-API-Key: " + KEY).status()).isEqualTo(200);
        // The valid key does not wipe the slate for the guesses that come after it.
        assertThat(http.get("/monitors", "X-API-Key: guess-22").status()).isEqualTo(429);
        // Probes stay open, whatever the address tried before.
        assertThat(http.get("/health", "X-API-Key: guess-23").status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));
        assertThat(http.get("/monitors", "X-API-Key: guess-24").status()).isEqualTo(401);
    }

    @TestConfiguration
    static class Time {
        @Bean
        MutableClock clock() {
            return new MutableClock();
        }
    }
}
