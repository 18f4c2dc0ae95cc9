package com.healthmonitor.worker.probe;

import com.healthmonitor.common.net.PrivateTargetsProperties;
import com.healthmonitor.common.sqs.SqsClients;
import com.healthmonitor.worker.check.CheckCounters;
import com.healthmonitor.worker.check.CheckListener;
import com.healthmonitor.worker.check.CheckListenerConfiguration;
import com.healthmonitor.worker.check.ConcurrentChecks;
import com.healthmonitor.worker.check.WorkerProperties;
import java.util.Map;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;

/**
 * The worker in probe mode ({@code WORKER_MODE=probe}): the check machinery of a full worker (the same container
 * factory, SSRF guard, HTTP client, checkers and check listener) over a sink that sends results to the results queue
 * (in the home region, through a client of that region), and nothing that needs a database: no DataSource (so no
 * Flyway, no JDBC), none of the jobs (rollups, retention, heartbeats, reminders, summaries, the alert outbox), no
 * recorder. It runs where the database is out of reach, e.g. in another region.
 *
 * <p>An allow-list, not a scan of the worker's packages: what a full worker gains later stays out of the probe unless
 * added here. Deliberately neither {@code @Configuration} nor {@code @SpringBootConfiguration}: the full worker's
 * component scan, and tests looking for their configuration, must never pick it up.
 */
@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConfigurationPropertiesScan(basePackageClasses = CheckCounters.class) // the check package's WorkerProperties
@EnableConfigurationProperties({PrivateTargetsProperties.class, ProbeProperties.class})
@Import({CheckListenerConfiguration.class, CheckCounters.class, CheckListener.class})
public class ProbeApplication {

    /** The probe with the worker's settings files ({@code configName}) and probe mode's overrides. */
    public static SpringApplicationBuilder builder(String configName) {
        return new SpringApplicationBuilder(ProbeApplication.class)
                .properties("spring.config.name=" + configName)
                .listeners(new ProbeModeSettings());
    }

    /**
     * Settings of probe mode above the worker's files: readiness cannot wait for a database it has none of (the files
     * put {@code db} in the readiness group, and a group naming a missing indicator fails start-up).
     */
    static final class ProbeModeSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            event.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "workerProbeMode",
                            Map.of("management.endpoint.health.group.readiness.include", "readinessState")));
        }
    }

    @Bean
    ResultSender resultSender(SqsClients sqs, ProbeProperties probe) {
        if (probe.resultsQueueUrl() == null || probe.resultsQueueUrl().isBlank()) {
            throw new IllegalArgumentException("RESULTS_QUEUE_URL is required in probe mode (WORKER_MODE=probe)");
        }
        return new ResultSender(sqs.forQueue(probe.resultsQueueUrl()), probe.resultsQueueUrl());
    }

    @Bean
    ResultForwarder resultForwarder(
            ConcurrentChecks checks, CheckCounters counters, ResultSender sender, WorkerProperties worker) {
        return new ResultForwarder(checks, counters, sender, worker.location());
    }
}
