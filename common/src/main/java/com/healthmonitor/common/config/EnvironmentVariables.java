package com.healthmonitor.common.config;

import java.util.Map;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Where the properties derived from environment variables go: just below the variables themselves. */
final class EnvironmentVariables {

    private EnvironmentVariables() {}

    static void addBelowSystemEnvironment(
            ConfigurableEnvironment environment, String name, Map<String, Object> properties) {
        if (properties.isEmpty()) {
            return;
        }
        MapPropertySource source = new MapPropertySource(name, properties);
        String environmentSource = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        if (environment.getPropertySources().contains(environmentSource)) {
            environment.getPropertySources().addAfter(environmentSource, source);
        } else {
            environment.getPropertySources().addLast(source);
        }
    }
}
