package com.healthmonitor.worker.probe;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a probe sends its results; default in worker-service.yml. Bound in both modes (a full worker's recorder reads
 * the same results queue), so nothing here is required: probe mode requires the results queue where it starts
 * ({@link ProbeApplication}). The worker's location is {@code WorkerProperties}'.
 *
 * @param resultsQueueUrl the home region's results queue (RESULTS_QUEUE_URL): a probe sends there, a full worker with
 *     it set records what arrives there
 */
@ConfigurationProperties("health-monitor.worker")
public record ProbeProperties(String resultsQueueUrl) {}
