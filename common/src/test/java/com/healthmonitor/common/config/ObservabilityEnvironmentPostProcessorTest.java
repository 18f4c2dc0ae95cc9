package com.healthmonitor.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class ObservabilityEnvironmentPostProcessorTest {

    private final ObservabilityEnvironmentPostProcessor processor = new ObservabilityEnvironmentPostProcessor();

    @Test
    void jsonSelectsStructuredEcsLogsAndANamespaceTurnsOnCloudWatch() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("LOG_FORMAT", "json")
                .withProperty("METRICS_CLOUDWATCH_NAMESPACE", "HealthMonitor");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("management.cloudwatch.metrics.export.namespace"))
                .isEqualTo("HealthMonitor");
    }

    @Test
    void textLogsAndNoCloudWatchByDefault() {
        MockEnvironment environment = new MockEnvironment();

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
        assertThat(environment.getProperty("management.cloudwatch.metrics.export.namespace"))
                .isNull();
    }

    @Test
    void refusesAnUnknownLogFormat() {
        MockEnvironment environment = new MockEnvironment().withProperty("LOG_FORMAT", "xml");

        assertThatThrownBy(() -> processor.postProcessEnvironment(environment, new SpringApplication()))
                .hasMessageContaining("LOG_FORMAT must be text or json");
    }
}
