package com.healthmonitor.testing;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a Spring test context at a freshly migrated database of its own on the shared embedded PostgreSQL.
 * Use with {@code @ContextConfiguration(initializers = TestDatabaseInitializer.class)}.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        useDatabase(context, TestDatabase.newMigratedDatabase());
    }

    /** Points {@code context} at {@code jdbcUrl} on the shared server, for tests that prepare the database first. */
    public static void useDatabase(ConfigurableApplicationContext context, String jdbcUrl) {
        TestPropertyValues.of(
                        "spring.datasource.url=" + jdbcUrl,
                        "spring.datasource.username=" + TestDatabase.USERNAME,
                        "spring.datasource.password=" + TestDatabase.PASSWORD)
                .applyTo(context);
    }
}
