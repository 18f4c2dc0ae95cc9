package com.healthmonitor.common.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Maps the database variables of a deployment onto the data source, in every service and the migration alike:
 * {@code DATABASE_URL} in the seed's {@code postgresql://user:password@host/db} form or as a JDBC URL, with
 * {@code DATABASE_USERNAME} and {@code DATABASE_PASSWORD} beside it (how ECS injects the RDS-managed secret), and
 * {@code DATABASE_SECRET_ARN}, which switches to credentials read from Secrets Manager at connection time. Explicit
 * {@code spring.datasource.*} settings still win.
 */
public class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "healthMonitorDatabaseUrl";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("DATABASE_URL");
        Map<String, Object> properties = new HashMap<>();
        if (url != null && !url.isBlank()) {
            DatabaseUrl parsed = DatabaseUrl.parse(url);
            properties.put("spring.datasource.url", parsed.jdbcUrl());
            putIfPresent(properties, "spring.datasource.username", parsed.username());
            putIfPresent(properties, "spring.datasource.password", parsed.password());
        }
        putIfPresent(properties, "spring.datasource.username", environment.getProperty("DATABASE_USERNAME"));
        putIfPresent(properties, "spring.datasource.password", environment.getProperty("DATABASE_PASSWORD"));
        putIfPresent(properties, "health-monitor.database.secret-arn", environment.getProperty("DATABASE_SECRET_ARN"));
        EnvironmentVariables.addBelowSystemEnvironment(environment, SOURCE_NAME, properties);
    }

    private static void putIfPresent(Map<String, Object> properties, String key, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(key, value);
        }
    }
}
