package com.healthmonitor.worker.probe;

import com.healthmonitor.testing.TestQueues;
import com.healthmonitor.worker.WorkerApplication;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a probe in the test JVM as the worker's main starts one with {@code WORKER_MODE=probe}. */
public final class Probes {

    private Probes() {}

    /**
     * A probe in {@code location}, configured as its environment configures it (command-line arguments rank as high):
     * queues and AWS only, nothing about a database. {@code more} are further {@code name=value} settings.
     */
    public static ConfigurableApplicationContext start(
            String checkQueue, String resultsQueue, String location, String... more) {
        return WorkerApplication.builder("probe")
                .run(Stream.concat(
                                Stream.of(
                                        "SQS_QUEUE_URL=" + checkQueue,
                                        "RESULTS_QUEUE_URL=" + resultsQueue,
                                        "WORKER_LOCATION=" + location,
                                        "SERVER_PORT=0",
                                        "ALLOW_PRIVATE_TARGETS=true",
                                        "health-monitor.worker.poll-timeout=1s",
                                        "spring.cloud.aws.endpoint="
                                                + TestQueues.server().endpoint(),
                                        "spring.cloud.aws.region.static=" + TestQueues.REGION,
                                        "spring.cloud.aws.credentials.access-key=" + TestQueues.ACCESS_KEY,
                                        "spring.cloud.aws.credentials.secret-key=" + TestQueues.SECRET_KEY),
                                Stream.of(more))
                        .map(setting -> "--" + setting)
                        .toArray(String[]::new));
    }
}
