package com.healthmonitor.standalone;

import com.healthmonitor.api.ApiApplication;
import com.healthmonitor.common.config.DatabaseUrl;
import com.healthmonitor.common.sqs.EmbeddedSqs;
import com.healthmonitor.scheduler.SchedulerApplication;
import com.healthmonitor.worker.WorkerApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole Health Monitor in one JVM: an embedded PostgreSQL whose data survives restarts, an in-process
 * SQS-compatible server with the check queue and its dead-letter queue, the migrations, and the worker, scheduler
 * and API as three separate Spring applications, exactly as they run in AWS.
 */
public final class HealthMonitorSystem implements AutoCloseable {

    static final String QUEUE_NAME = "health-monitor-checks";
    private static final Logger log = LoggerFactory.getLogger(HealthMonitorSystem.class);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private ConfigurableApplicationContext api;

    private HealthMonitorSystem() {}

    public static HealthMonitorSystem start(StandaloneSettings settings) {
        HealthMonitorSystem system = new HealthMonitorSystem();
        try {
            system.startAll(settings);
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private void startAll(StandaloneSettings settings) {
        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("spring.flyway.enabled", "false");
        if (settings.databaseUrl() == null) {
            EmbeddedPostgres postgres = startPostgres(settings);
            shared.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            shared.put("spring.datasource.username", "postgres");
            shared.put("spring.datasource.password", "postgres");
        } else {
            DatabaseUrl database = DatabaseUrl.parse(settings.databaseUrl());
            shared.put("spring.datasource.url", database.jdbcUrl());
            putIfPresent(shared, "spring.datasource.username", database.username());
            putIfPresent(shared, "spring.datasource.password", database.password());
            putIfPresent(shared, "spring.datasource.username", settings.databaseUsername());
            putIfPresent(shared, "spring.datasource.password", settings.databasePassword());
        }
        if (settings.sqsQueueUrl() == null) {
            EmbeddedSqs sqs = EmbeddedSqs.start(0);
            resources.addFirst(sqs);
            shared.put(
                    "health-monitor.sqs.queue-url",
                    sqs.createQueueWithDeadLetterQueue(QUEUE_NAME, 5, Duration.ofMinutes(5)));
            shared.put("spring.cloud.aws.endpoint", sqs.endpoint());
            shared.put("spring.cloud.aws.region.static", EmbeddedSqs.REGION);
            shared.put("spring.cloud.aws.credentials.access-key", EmbeddedSqs.ACCESS_KEY);
            shared.put("spring.cloud.aws.credentials.secret-key", EmbeddedSqs.SECRET_KEY);
        } else {
            shared.put("health-monitor.sqs.queue-url", settings.sqsQueueUrl());
        }
        shared.putAll(settings.properties());

        migrate(shared);
        // Consumers first, producers last; closed in the reverse order.
        startService(WorkerApplication.class, WebApplicationType.NONE, shared);
        startService(SchedulerApplication.class, WebApplicationType.NONE, shared);
        Map<String, String> apiProperties = new LinkedHashMap<>(shared);
        apiProperties.put("server.port", Integer.toString(settings.serverPort()));
        api = startService(ApiApplication.class, WebApplicationType.SERVLET, apiProperties);
        log.info("[STANDALONE] Health Monitor is running: API at http://localhost:{}/monitors", apiPort());
    }

    private EmbeddedPostgres startPostgres(StandaloneSettings settings) {
        try {
            Files.createDirectories(settings.dataDirectory());
            Path data = settings.dataDirectory().resolve("postgres");
            LeftoverPostmaster.stopIfRunning(data);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    // Stopped by close(), after the services, not by a hook racing them.
                    .setRegisterShutdownHook(false)
                    // The library's defaults are for throw-away test databases (it passes -F, fsync off, and
                    // synchronous_commit off): this is the user's real data, as durable as PostgreSQL ships.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // After a crash PostgreSQL replays its WAL before accepting connections.
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .start();
            resources.addFirst(postgres);
            log.info(
                    "[STANDALONE] PostgreSQL data in {}",
                    settings.dataDirectory().toAbsolutePath().normalize());
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    private static void putIfPresent(Map<String, String> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }

    private static void migrate(Map<String, String> shared) {
        Flyway.configure()
                .dataSource(
                        shared.get("spring.datasource.url"),
                        shared.get("spring.datasource.username"),
                        shared.get("spring.datasource.password"))
                .load()
                .migrate();
    }

    private ConfigurableApplicationContext startService(
            Class<?> application, WebApplicationType type, Map<String, String> properties) {
        // As command-line arguments, these outrank each service's own defaults, like environment variables do.
        String[] args = Stream.concat(
                        properties.entrySet().stream(),
                        Map.of("spring.application.name", serviceName(application)).entrySet().stream())
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(type)
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .run(args);
        resources.addFirst(context);
        return context;
    }

    private static String serviceName(Class<?> application) {
        return application.getSimpleName().replace("Application", "").toLowerCase(Locale.ROOT) + "-service";
    }

    /** The port the API listens on. */
    public int apiPort() {
        return ((WebServerApplicationContext) api).getWebServer().getPort();
    }

    /** Stops the services, then the queue and the database, each once. */
    @Override
    public synchronized void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn(
                        "[STANDALONE] error while stopping {}: {}",
                        resource.getClass().getSimpleName(),
                        e.toString());
            }
        }
        resources.clear();
    }
}
