package com.healthmonitor.worker.testing;

import com.healthmonitor.testing.MutableClock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Makes a {@link MutableClock}, starting 2026-11-21T08:00Z, the context's one Clock bean. */
@TestConfiguration(proxyBeanMethods = false)
public class MutableClockConfiguration {

    @Bean
    MutableClock clock() {
        return new MutableClock(Instant.parse("2026-11-21T08:00:00Z"));
    }
}
