package com.healthmonitor.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

class CloudWatchMetricsAutoConfigurationTest {

    @Test
    void sendsOnlyOurOwnMetersToCloudWatch() {
        // Not enabled: nothing is published, only the filtering is under test.
        CloudWatchConfig config = key -> switch (key) {
            case "cloudwatch.namespace" -> "Test";
            case "cloudwatch.enabled" -> "false";
            default -> null;
        };
        CloudWatchMeterRegistry registry = new CloudWatchMeterRegistry(
                config,
                Clock.SYSTEM,
                CloudWatchAsyncClient.builder().region(Region.US_EAST_1).build());

        new CloudWatchMetricsAutoConfiguration().onlyOwnMetersToCloudWatch().customize(registry);
        registry.counter("health_monitor.scheduler.dispatched");
        registry.counter("jvm.gc.pause");

        assertThat(registry.getMeters())
                .extracting(meter -> meter.getId().getName())
                .containsExactly("health_monitor.scheduler.dispatched");
        registry.close();
    }

    @Test
    void backsOffInAServiceWithoutTheCloudWatchRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CloudWatchMetricsAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(CloudWatchMeterRegistry.class))
                .run(app -> assertThat(app).hasNotFailed().doesNotHaveBean("onlyOwnMetersToCloudWatch"));
    }
}
