package com.healthmonitor.worker.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@link WorkerIntegrationTest} worker whose policy jobs (reminders, maintenance, the daily summary, heartbeats,
 * burn rates, held alerts) fire on their own every 200 ms, at the real clock: the path production takes, through the scheduler and
 * the beans' proxies. The test classes using it share one context (and its database) of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WorkerIntegrationTest
@TestPropertySource(
        properties = {
            "health-monitor.reminder.check-interval=200ms",
            "health-monitor.maintenance.check-interval=200ms",
            "health-monitor.summary.check-interval=200ms",
            "health-monitor.heartbeat.check-interval=200ms",
            "health-monitor.slo.check-interval=200ms",
            "health-monitor.dependencies.check-interval=200ms",
            // Held alerts wait a check interval, a minute here: a second is enough to see the wait end.
            "health-monitor.dependencies.max-hold=1s"
        })
public @interface ScheduledJobsIntegrationTest {}
