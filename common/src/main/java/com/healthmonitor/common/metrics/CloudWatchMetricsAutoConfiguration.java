package com.healthmonitor.common.metrics;

import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * CloudWatch bills every metric it stores, so only our own {@code health_monitor.*} meters go there; JVM, HTTP and
 * pool meters stay on {@code /actuator/prometheus}, where they cost nothing.
 */
@AutoConfiguration
// By name: db-migrations has neither library.
@ConditionalOnClass(
        name = {
            "io.micrometer.cloudwatch2.CloudWatchMeterRegistry",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer"
        })
public class CloudWatchMetricsAutoConfiguration {

    static final String OWN_METERS = "health_monitor.";

    @Bean
    MeterRegistryCustomizer<CloudWatchMeterRegistry> onlyOwnMetersToCloudWatch() {
        return registry -> registry.config()
                .meterFilter(MeterFilter.denyUnless(id -> id.getName().startsWith(OWN_METERS)));
    }
}
