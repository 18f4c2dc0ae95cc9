package com.healthmonitor.worker.testing;

import com.healthmonitor.testing.TestDatabaseInitializer;
import com.healthmonitor.testing.TestQueueInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A worker against a real PostgreSQL and a real (in-process) SQS, with short timings. Every test class using it
 * shares one Spring context; tests isolate themselves by using monitors of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        properties = {
            "health-monitor.allow-private-targets=true",
            "health-monitor.worker.poll-timeout=1s",
            "health-monitor.alert.poll-interval=200ms",
            "health-monitor.alert.initial-backoff=50ms",
            "health-monitor.alert.reschedule-backoff=300ms",
            "health-monitor.alert.request-timeout=2s",
            "health-monitor.alert.max-in-process-wait=2s",
            "health-monitor.alert.lease=3s",
            "health-monitor.retention.initial-delay=1h",
            "health-monitor.history.rollup-initial-delay=1h",
            // Policy jobs run when a test calls them, at the test's clock.
            "health-monitor.reminder.check-interval=1h",
            "health-monitor.maintenance.check-interval=1h",
            "health-monitor.summary.check-interval=1h",
            "health-monitor.heartbeat.check-interval=1h",
            "health-monitor.slo.check-interval=1h",
            "health-monitor.dependencies.check-interval=1h"
        })
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, TestQueueInitializer.class})
public @interface WorkerIntegrationTest {}
