package com.healthmonitor.api.testing;

import com.healthmonitor.testing.MutableClock;
import com.healthmonitor.testing.TestDatabaseInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The API, without keys, at a {@link MutableClock} each test sets to the "now" of its constructed history: the SLO,
 * SLA and maintenance accounting tests share this one context (not {@link ApiIntegrationTest}'s, whose clock is the
 * real one). Tests using it delete the monitors, status changes and windows they build on first.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "health-monitor.api.allow-anonymous=true")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(ClockedApiIntegrationTest.Clock.class)
public @interface ClockedApiIntegrationTest {

    /** The context's one Clock bean; each test sets it. */
    @TestConfiguration(proxyBeanMethods = false)
    class Clock {

        @Bean
        MutableClock clock() {
            return new MutableClock(Instant.parse("2026-03-10T12:30:00Z"));
        }
    }
}
