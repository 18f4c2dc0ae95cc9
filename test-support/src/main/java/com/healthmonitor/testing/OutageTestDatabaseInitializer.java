package com.healthmonitor.testing;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Like {@link TestDatabaseInitializer}, but the context reaches its database through a {@link TcpProxy} that
 * starts cut, so a test can watch a service start during a database outage and recover when {@link #proxy()} is
 * brought {@link TcpProxy#up() up}. One such context at a time.
 */
public class OutageTestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static volatile TcpProxy proxy;
    private static volatile String directUrl;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        directUrl = TestDatabase.newMigratedDatabase();
        int postgresPort = TestDatabase.server().getPort();
        proxy = new TcpProxy(postgresPort, false);
        TestDatabaseInitializer.useDatabase(
                context, directUrl.replace("localhost:" + postgresPort, "localhost:" + proxy.port()));
        TestPropertyValues.of("spring.datasource.hikari.connection-timeout=1000")
                .applyTo(context);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                proxy.close();
            }
        });
    }

    /** The line between the context and its database. */
    public static TcpProxy proxy() {
        return proxy;
    }

    /** The database itself, bypassing the proxy, for the test's own reads and writes. */
    public static String directUrl() {
        return directUrl;
    }
}
