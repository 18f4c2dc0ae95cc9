package com.healthmonitor.standalone;

/**
 * {@code java -jar standalone/target/standalone.jar}: runs the whole system locally. Stops cleanly on SIGTERM or
 * Ctrl-C; started again on the same data directory, it carries on where it stopped.
 */
public final class StandaloneApplication {

    private StandaloneApplication() {}

    public static void main(String[] args) {
        HealthMonitorSystem system = HealthMonitorSystem.start(StandaloneSettings.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "health-monitor-shutdown"));
    }
}
