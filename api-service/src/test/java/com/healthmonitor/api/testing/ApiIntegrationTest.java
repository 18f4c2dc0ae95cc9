package com.healthmonitor.api.testing;

import com.healthmonitor.api.monitor.MonitorFixtures;
import com.healthmonitor.testing.TestDatabaseInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The api on a random port against a real PostgreSQL, anonymous access allowed and no rate limit, with an
 * {@link ApiHttp} to call it and {@link MonitorFixtures} to create monitors. Every test class using it shares one Spring context (one Tomcat, one pool); tests
 * set up the rows they need before each test. A class that needs other settings (API keys, a rate limit, a fixed
 * clock) keeps its own {@code @SpringBootTest} and says why.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "health-monitor.api.allow-anonymous=true",
            "health-monitor.api.rate-limit.per-minute=0",
            // Test sends to unreachable channels give up quickly.
            "health-monitor.channels.test-timeout=300ms"
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import({ApiHttp.class, MonitorFixtures.class})
public @interface ApiIntegrationTest {}
