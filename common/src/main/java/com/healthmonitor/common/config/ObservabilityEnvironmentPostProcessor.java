package com.healthmonitor.common.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Maps the two observability switches whose mere presence turns a feature on, which a YAML placeholder cannot
 * express: {@code LOG_FORMAT=json} selects Spring Boot's structured (ECS) console logging, one JSON object per
 * line; {@code METRICS_CLOUDWATCH_NAMESPACE} turns on the CloudWatch meter registry, publishing to that namespace.
 */
public class ObservabilityEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "healthMonitorObservability";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = new HashMap<>();
        String format = environment.getProperty("LOG_FORMAT", "text").trim().toLowerCase(Locale.ROOT);
        switch (format) {
            case "json" -> properties.put("logging.structured.format.console", "ecs");
            case "text", "" -> {}
            default -> throw new IllegalArgumentException("LOG_FORMAT must be text or json, was " + format);
        }
        String namespace = environment.getProperty("METRICS_CLOUDWATCH_NAMESPACE");
        if (namespace != null && !namespace.isBlank()) {
            properties.put("management.cloudwatch.metrics.export.namespace", namespace.trim());
        }
        EnvironmentVariables.addBelowSystemEnvironment(environment, SOURCE_NAME, properties);
    }
}
