package com.healthmonitor.worker;

import com.healthmonitor.common.net.PrivateTargetsProperties;
import com.healthmonitor.worker.probe.ProbeApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(PrivateTargetsProperties.class) // common's, outside the scanned package
@EnableScheduling
public class WorkerApplication {

    /** The shared settings file, then this service's own ({@code worker-service.yml}); later files win. */
    public static final String CONFIG_NAME = "health-monitor,worker-service";

    public static void main(String[] args) {
        // Read before any context exists: the mode decides which application starts.
        builder(new StandardEnvironment().getProperty("WORKER_MODE", "full")).run(args);
    }

    /**
     * The worker of {@code mode} ({@code WORKER_MODE}): {@code full} checks, records into PostgreSQL and alerts (and
     * records a probe's results when {@code RESULTS_QUEUE_URL} is set); {@code probe} only checks and sends each
     * result to {@code RESULTS_QUEUE_URL}, and needs no database settings at all.
     */
    public static SpringApplicationBuilder builder(String mode) {
        return switch (mode.trim()) {
            case "full", "" ->
                new SpringApplicationBuilder(WorkerApplication.class).properties("spring.config.name=" + CONFIG_NAME);
            case "probe" -> ProbeApplication.builder(CONFIG_NAME);
            default -> throw new IllegalArgumentException("WORKER_MODE must be full or probe, was '" + mode + "'");
        };
    }
}
