package com.healthmonitor.worker.heartbeat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The heartbeat job: applies received pings and records missed periods.
 *
 * @param checkInterval how often it runs; a ping shows as UP and a silence as DOWN within about this long
 * @param batchSize heartbeats locked per transaction
 * @param maxMissesPerRun missed periods recorded per heartbeat and run; after a long outage of every worker the rest
 *     follow on the next runs
 */
@ConfigurationProperties("health-monitor.heartbeat")
record HeartbeatProperties(
        @DefaultValue("1s") Duration checkInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("100") int maxMissesPerRun) {

    public HeartbeatProperties {
        if (batchSize < 1 || maxMissesPerRun < 1) {
            throw new IllegalArgumentException("heartbeat batch size and misses per run must be positive");
        }
    }
}
