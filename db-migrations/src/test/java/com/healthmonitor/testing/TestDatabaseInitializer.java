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
        TestPropertyValues.of(
                        "spring.datasource.url=" + TestDatabase.newMigratedDatabase(),
                        "spring.datasource.username=" + TestDatabase.USERNAME,
                        "spring.datasource.password=" + TestDatabase.PASSWORD)
                .applyTo(context);
    }
}
