package com.healthmonitor.common.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Lets every service be configured like the seed: {@code DATABASE_URL} in the {@code postgresql://} form or as a
 * JDBC URL, with {@code DATABASE_USERNAME} and {@code DATABASE_PASSWORD} beside it (how ECS injects the
 * RDS-managed secret), and {@code AWS_ENDPOINT_URL} for a local SQS emulator. Explicit {@code spring.*} settings
 * still win.
 */
public class SeedEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "healthMonitorDatabaseUrl";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("DATABASE_URL");
        String username = environment.getProperty("DATABASE_USERNAME");
        String password = environment.getProperty("DATABASE_PASSWORD");
        Map<String, Object> properties = new HashMap<>();
        if (url != null && !url.isBlank()) {
            DatabaseUrl parsed = DatabaseUrl.parse(url);
            properties.put("spring.datasource.url", parsed.jdbcUrl());
            putIfPresent(properties, "spring.datasource.username", parsed.username());
            putIfPresent(properties, "spring.datasource.password", parsed.password());
        }
        putIfPresent(properties, "spring.datasource.username", username);
        putIfPresent(properties, "spring.datasource.password", password);
        // Credentials read from Secrets Manager at connection time, so that a rotated password is picked up.
        putIfPresent(properties, "health-monitor.database.secret-arn", environment.getProperty("DATABASE_SECRET_ARN"));
        // A local SQS emulator (ElasticMQ, LocalStack); unset in AWS.
        putIfPresent(properties, "spring.cloud.aws.endpoint", environment.getProperty("AWS_ENDPOINT_URL"));
        if (properties.isEmpty()) {
            return;
        }
        MapPropertySource source = new MapPropertySource(SOURCE_NAME, properties);
        String environmentSource = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        if (environment.getPropertySources().contains(environmentSource)) {
            environment.getPropertySources().addAfter(environmentSource, source);
        } else {
            environment.getPropertySources().addLast(source);
        }
    }

    private static void putIfPresent(Map<String, Object> properties, String key, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(key, value);
        }
    }
}
