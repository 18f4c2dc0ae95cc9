package com.healthmonitor.worker.probe;

import com.healthmonitor.common.check.CheckResultMessage;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where this worker checks from and where a probe sends its results; defaults in worker-service.yml. Bound in both
 * modes (a full worker's recorder reads the same results queue), so nothing here is required: probe mode requires
 * the results queue where it starts ({@link ProbeApplication}).
 *
 * @param location this worker's location (WORKER_LOCATION)
 * @param resultsQueueUrl the home region's results queue (RESULTS_QUEUE_URL): a probe sends there, a full worker with
 *     it set records what arrives there
 */
@ConfigurationProperties("health-monitor.worker")
public record ProbeProperties(String location, String resultsQueueUrl) {

    public ProbeProperties {
        if (location != null && !CheckResultMessage.isLocation(location)) {
            throw new IllegalArgumentException(
                    "WORKER_LOCATION must be 1-32 lowercase letters, digits and hyphens, was '" + location + "'");
        }
    }
}
