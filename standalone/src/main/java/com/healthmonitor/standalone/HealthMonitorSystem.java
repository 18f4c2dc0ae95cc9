package com.healthmonitor.standalone;

import ch.qos.logback.classic.PatternLayout;
import com.healthmonitor.api.ApiApplication;
import com.healthmonitor.migrations.MigrationApplication;
import com.healthmonitor.scheduler.SchedulerApplication;
import com.healthmonitor.worker.WorkerApplication;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The whole Health Monitor in one JVM: an embedded PostgreSQL whose data survives restarts, an in-process
 * SQS-compatible server with the check queue and its dead-letter queue, the migrations, and the worker, scheduler
 * and API as three separate Spring applications, exactly as they run in AWS.
 */
public final class HealthMonitorSystem implements AutoCloseable {

    static final String QUEUE_NAME = "health-monitor-checks";

    /** Spring Boot's console pattern with the service each line comes from (see {@link ServiceNameConverter}). */
    static final String CONSOLE_PATTERN =
            "%clr(%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}){faint} %clr(%5p) %clr(${PID}){magenta}"
                    + " %clr(--- [%service] [%15.15t]){faint} %clr(%-40.40logger{39}){cyan} %clr(:){faint} %m%n%wEx";

    private static final Logger log = LoggerFactory.getLogger(HealthMonitorSystem.class);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
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
        // Database settings go to every service as the same variables a deployment sets; common's
        // DatabaseUrlEnvironmentPostProcessor maps them, in the services and in the migration alike.
        Map<String, String> shared = new LinkedHashMap<>();
        PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.putIfAbsent("service", ServiceNameConverter::new);
        shared.put("logging.pattern.console", CONSOLE_PATTERN);
        // One registry for all three (see shareMeterRegistry): one application tag for all.
        shared.put("management.metrics.tags.application", "standalone");
        if (settings.databaseUrl() == null) {
            EmbeddedPostgres postgres = startPostgres(settings);
            shared.put("DATABASE_URL", postgres.getJdbcUrl("postgres", "postgres"));
            shared.put("DATABASE_USERNAME", "postgres");
            shared.put("DATABASE_PASSWORD", "postgres");
        } else {
            shared.put("DATABASE_URL", settings.databaseUrl());
            putIfPresent(shared, "DATABASE_USERNAME", settings.databaseUsername());
            putIfPresent(shared, "DATABASE_PASSWORD", settings.databasePassword());
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
        shared.put("spring.flyway.enabled", "false");
        // Consumers first, producers last; closed in the reverse order.
        startService(WorkerApplication.class, WorkerApplication.CONFIG_NAME, WebApplicationType.NONE, shared);
        startService(SchedulerApplication.class, SchedulerApplication.CONFIG_NAME, WebApplicationType.NONE, shared);
        Map<String, String> apiProperties = new LinkedHashMap<>(shared);
        apiProperties.put("server.port", Integer.toString(settings.serverPort()));
        apiProperties.put("server.address", settings.serverAddress());
        // A local run needs no key while only this machine can reach it; on any other address the API asks for
        // API_KEYS or ALLOW_ANONYMOUS=true like every deployment (see the API's AnonymousAccess).
        apiProperties.put("health-monitor.api.anonymous-on-loopback", "true");
        api = startService(ApiApplication.class, ApiApplication.CONFIG_NAME, WebApplicationType.SERVLET, apiProperties);
        log.info(
                "[STANDALONE] Health Monitor is running: API at http://{}:{}/monitors",
                settings.serverAddress(),
                apiPort());
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
        if (MigrationApplication.run(asArguments(shared)) != 0) {
            throw new IllegalStateException("the database could not be migrated (the log above says why)");
        }
    }

    /** As command-line arguments, settings outrank each service's own defaults, like environment variables do. */
    private static String[] asArguments(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
    }

    private ConfigurableApplicationContext startService(
            Class<?> application, String configName, WebApplicationType type, Map<String, String> properties) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .properties("spring.config.name=" + configName)
                .initializers(this::shareMeterRegistry)
                .web(type)
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .run(asArguments(properties));
        resources.addFirst(context);
        return context;
    }

    /**
     * All three services record into one Prometheus registry, so that {@code /actuator/prometheus} on the API's
     * port shows the scheduler's and the worker's meters too. Bean definitions rather than singletons, so that
     * Spring Boot still applies its meter filters and binders; never closed by a context, only with the JVM.
     */
    private void shareMeterRegistry(ConfigurableApplicationContext context) {
        GenericApplicationContext services = (GenericApplicationContext) context;
        services.registerBean(
                "prometheusRegistry",
                PrometheusRegistry.class,
                () -> meters.getPrometheusRegistry(),
                definition -> definition.setDestroyMethodName(""));
        services.registerBean(
                "prometheusMeterRegistry",
                PrometheusMeterRegistry.class,
                () -> meters,
                definition -> definition.setDestroyMethodName(""));
    }

    /** The address the API listens on ({@code server.address}). */
    public String apiAddress() {
        return api.getEnvironment().getProperty("server.address");
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
