package com.healthmonitor.standalone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.healthmonitor.api.ApiApplication;
import com.healthmonitor.scheduler.SchedulerApplication;
import com.healthmonitor.worker.WorkerApplication;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

/**
 * The whole Health Monitor in one JVM: an embedded PostgreSQL whose data survives restarts, an in-process
 * SQS-compatible server with the check queue and its dead-letter queue, the migrations, and the worker, scheduler
 * and API as three separate Spring applications, exactly as they run in AWS.
 */
public final class HealthMonitorSystem implements AutoCloseable {

    static final String QUEUE_NAME = "health-monitor-checks";

    /** With a second location: the queue its probe sends results to, which the worker records. */
    static final String RESULTS_QUEUE_NAME = "health-monitor-results";

    private static final Logger log = LoggerFactory.getLogger(HealthMonitorSystem.class);

    /**
     * Default properties of every service in the standalone run: libraries log warnings and errors only, our own
     * code as usual. Defaults rank lowest, so a service's own file or an environment variable such as
     * {@code LOGGING_LEVEL_ROOT=INFO} still turns them up.
     */
    private static final Map<String, Object> QUIET = Map.of(
            "logging.level.root",
            "warn",
            "logging.level.com.healthmonitor",
            "info",
            // The three services share one meter registry on purpose (shareMeterRegistry): Micrometer's warnings
            // about a filter added, or a gauge registered, after the first service's meters say just that.
            "logging.level.io.micrometer.core.instrument.MeterRegistry",
            "error",
            "logging.level.io.micrometer.prometheusmetrics.PrometheusMeterRegistry",
            "error",
            // The embedded queue's actor system stops with the JVM, not by a hook of its own.
            "logging.level.org.apache.pekko.actor.CoordinatedShutdown",
            "error");

    /** The scheduler leaves the schema alone; the worker's context migrates it (below). */
    private static final Map<String, String> NO_MIGRATIONS = Map.of("spring.flyway.enabled", "false");

    /** The worker migrates the database as db-migrations does in AWS (same retries). */
    private static final Map<String, String> MIGRATES =
            Map.of("spring.flyway.enabled", "true", "spring.flyway.connect-retries", "${DB_CONNECT_RETRIES:6}");

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
        quietLibrariesUntilSpringConfiguresLogging();
        long started = System.nanoTime();
        // Database settings go to every service as the same variables a deployment sets; common's
        // DatabaseUrlEnvironmentPostProcessor maps them, in the services and in the migration alike.
        Map<String, String> shared = new LinkedHashMap<>();
        // Each line names its own service (see logback-spring.xml), JSON lines too.
        shared.put("logging.structured.json.customizer", ServiceNameJsonMember.class.getName());
        // One registry for all three (see shareMeterRegistry): one application tag for all.
        shared.put("management.metrics.tags.application", "standalone");
        // ElasticMQ (Pekko, Scala: seconds of class loading) starts on a thread of its own while PostgreSQL starts.
        CompletableFuture<EmbeddedQueue> queue = settings.sqsQueueUrl() == null
                ? CompletableFuture.supplyAsync(
                        () -> EmbeddedQueue.start(settings.probeLocation()),
                        task -> Thread.ofPlatform().name("embedded-sqs-start").start(task))
                : null;
        try {
            if (settings.databaseUrl() == null) {
                EmbeddedDatabase database = EmbeddedDatabase.start(settings.dataDirectory());
                resources.addFirst(database);
                log.info(
                        "[STANDALONE] PostgreSQL data in {}",
                        settings.dataDirectory().toAbsolutePath().normalize());
                shared.put("DATABASE_URL", database.jdbcUrl());
                shared.put("DATABASE_USERNAME", EmbeddedDatabase.USER);
                shared.put("DATABASE_PASSWORD", EmbeddedDatabase.USER);
            } else {
                shared.put("DATABASE_URL", settings.databaseUrl());
                putIfPresent(shared, "DATABASE_USERNAME", settings.databaseUsername());
                putIfPresent(shared, "DATABASE_PASSWORD", settings.databasePassword());
            }
        } catch (RuntimeException e) {
            if (queue != null) {
                // Stopped again once started, since close() will not know of it.
                queue.handle((server, failure) -> {
                            if (server != null) {
                                server.sqs().close();
                            }
                            return null;
                        })
                        .join();
            }
            throw e;
        }
        String probeQueueUrl = null;
        if (queue == null) {
            shared.put("health-monitor.sqs.queue-url", settings.sqsQueueUrl());
        } else {
            EmbeddedQueue embedded = join(queue);
            resources.addFirst(embedded.sqs());
            shared.put("health-monitor.sqs.queue-url", embedded.queueUrl());
            shared.put("spring.cloud.aws.endpoint", embedded.sqs().endpoint());
            shared.put("spring.cloud.aws.region.static", EmbeddedSqs.REGION);
            shared.put("spring.cloud.aws.credentials.access-key", EmbeddedSqs.ACCESS_KEY);
            shared.put("spring.cloud.aws.credentials.secret-key", EmbeddedSqs.SECRET_KEY);
            if (settings.probeLocation() != null) {
                // The scheduler sends the second location's checks to its queue; the worker records its results.
                probeQueueUrl = embedded.probeQueueUrl();
                shared.put("health-monitor.locations.queues", settings.probeLocation() + "=" + probeQueueUrl);
                shared.put("health-monitor.worker.results-queue-url", embedded.resultsQueueUrl());
            }
        }
        shared.putAll(settings.properties());
        long infrastructure = System.nanoTime();

        // Consumers first, producers last; closed in the reverse order. The worker's context migrates the database
        // (Flyway runs before anything in it touches the database), so the migration needs no context of its own.
        ConfigurableApplicationContext worker = startService(
                new SpringApplicationBuilder(WorkerApplication.class),
                WorkerApplication.CONFIG_NAME,
                WebApplicationType.NONE,
                shared,
                MIGRATES,
                () -> {});
        log.info("[STANDALONE] database schema at version {}", schemaVersion(worker));
        if (settings.probeLocation() != null) {
            startProbe(settings.probeLocation(), probeQueueUrl, shared);
        }
        long workerStarted = System.nanoTime();
        // The scheduler starts beside the API once the API has configured logging (two contexts configuring
        // Logback at the same moment garble it); each context is mostly one thread's work, and there are two cores.
        CompletableFuture<Long> scheduler = new CompletableFuture<>();
        AtomicBoolean schedulerStarting = new AtomicBoolean();
        Runnable startScheduler = () -> {
            schedulerStarting.set(true);
            Thread.ofPlatform().name("scheduler-start").start(() -> {
                try {
                    startService(
                            new SpringApplicationBuilder(SchedulerApplication.class),
                            SchedulerApplication.CONFIG_NAME,
                            WebApplicationType.NONE,
                            shared,
                            NO_MIGRATIONS,
                            () -> {});
                    scheduler.complete(System.nanoTime());
                } catch (Throwable e) {
                    scheduler.completeExceptionally(e);
                }
            });
        };
        Map<String, String> apiProperties = new LinkedHashMap<>(shared);
        apiProperties.put("server.port", Integer.toString(settings.serverPort()));
        apiProperties.put("server.address", settings.serverAddress());
        // A local run needs no key while only this machine can reach it; on any other address the API asks for
        // API_KEYS or ALLOW_ANONYMOUS=true like every deployment (see the API's AnonymousAccess).
        apiProperties.put("health-monitor.api.anonymous-on-loopback", "true");
        long apiStarted;
        try {
            api = startService(
                    new SpringApplicationBuilder(ApiApplication.class),
                    ApiApplication.CONFIG_NAME,
                    WebApplicationType.SERVLET,
                    apiProperties,
                    Map.of(),
                    startScheduler);
            apiStarted = System.nanoTime();
        } finally {
            // Whatever became of the API, a started scheduler is in resources (and so closed) before this goes on.
            if (schedulerStarting.get()) {
                scheduler.handle((ready, failure) -> ready).join();
            }
        }
        long schedulerStarted = join(scheduler);
        // Where start-up time goes (issue 19): JVM is from the process' launch to this system's start.
        long sinceLaunch = ProcessHandle.current()
                .info()
                .startInstant()
                .map(launch -> Duration.between(launch, Instant.now()).toNanos())
                .orElse(System.nanoTime() - started);
        log.info(
                "[STANDALONE] started in {} s: JVM and class path {} s, PostgreSQL and queue {} s, worker with"
                        + " migrations {} s, then scheduler {} s and API {} s side by side",
                seconds(sinceLaunch),
                seconds(sinceLaunch - (System.nanoTime() - started)),
                seconds(infrastructure - started),
                seconds(workerStarted - infrastructure),
                seconds(schedulerStarted - workerStarted),
                seconds(apiStarted - workerStarted));
        log.info(
                "[STANDALONE] Health Monitor is running (API, scheduler, worker): dashboard and API at"
                        + " http://{}:{}/, API keys {}",
                settings.serverAddress(),
                apiPort(),
                apiKeysOn() ? "on" : "off (see the [AUTH] line for who may call it)");
    }

    /**
     * PostgreSQL and ElasticMQ start before the first Spring context configures logging, under Logback's bare
     * defaults; the same levels as {@link #QUIET} until then (each context sets them again as it starts).
     */
    private static void quietLibrariesUntilSpringConfiguresLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
            logback.getLogger("com.healthmonitor").setLevel(Level.INFO);
        }
    }

    /**
     * A worker in probe mode checking from {@code location}: the worker's check machinery, its own check queue, its
     * results sent to the results queue; no database settings at all, as a probe in another region has none. Its
     * meters stay its own: in the shared registry they would add to the worker's.
     */
    private void startProbe(String location, String queueUrl, Map<String, String> shared) {
        Map<String, String> probe = new LinkedHashMap<>(shared);
        probe.keySet().removeIf(key -> key.startsWith("DATABASE_"));
        probe.put("health-monitor.sqs.queue-url", queueUrl);
        probe.put("health-monitor.worker.location", location);
        startService(
                WorkerApplication.builder("probe"),
                WorkerApplication.CONFIG_NAME,
                WebApplicationType.NONE,
                probe,
                Map.of(),
                () -> {},
                false);
        log.info("[STANDALONE] probe checking from location {} (monitors list it in \"locations\")", location);
    }

    /**
     * The embedded SQS server with the check queue and its dead-letter queue and, with a second location, that
     * location's check queue and the results queue (each with its dead-letter queue).
     */
    private record EmbeddedQueue(EmbeddedSqs sqs, String queueUrl, String probeQueueUrl, String resultsQueueUrl) {

        static EmbeddedQueue start(String probeLocation) {
            EmbeddedSqs sqs = EmbeddedSqs.start(0);
            try {
                String queueUrl = sqs.createQueueWithDeadLetterQueue(QUEUE_NAME, 5, Duration.ofMinutes(5));
                if (probeLocation == null) {
                    return new EmbeddedQueue(sqs, queueUrl, null, null);
                }
                return new EmbeddedQueue(
                        sqs,
                        queueUrl,
                        sqs.createQueueWithDeadLetterQueue(QUEUE_NAME + "-" + probeLocation, 5, Duration.ofMinutes(5)),
                        sqs.createQueueWithDeadLetterQueue(RESULTS_QUEUE_NAME, 5, Duration.ofMinutes(5)));
            } catch (RuntimeException e) {
                sqs.close();
                throw e;
            }
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static void putIfPresent(Map<String, String> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private static String schemaVersion(ConfigurableApplicationContext worker) {
        MigrationInfo current = worker.getBean(Flyway.class).info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    private boolean apiKeysOn() {
        String keys = api.getEnvironment().getProperty("health-monitor.api.api-keys", "");
        return !keys.isBlank();
    }

    private ConfigurableApplicationContext startService(
            SpringApplicationBuilder application,
            String configName,
            WebApplicationType type,
            Map<String, String> properties,
            Map<String, String> standaloneOnly,
            Runnable onceLoggingIsConfigured) {
        return startService(application, configName, type, properties, standaloneOnly, onceLoggingIsConfigured, true);
    }

    private ConfigurableApplicationContext startService(
            SpringApplicationBuilder application,
            String configName,
            WebApplicationType type,
            Map<String, String> properties,
            Map<String, String> standaloneOnly,
            Runnable onceLoggingIsConfigured,
            boolean sharesMeters) {
        Map<String, Object> defaults = new LinkedHashMap<>(QUIET);
        defaults.put("spring.config.name", configName);
        Map<String, Object> settings = new LinkedHashMap<>(properties);
        settings.putAll(standaloneOnly);
        if (sharesMeters) {
            application.initializers(this::shareMeterRegistry);
        }
        ConfigurableApplicationContext context = application
                .listeners(new StandaloneSettingsFirst(settings))
                .properties(defaults)
                .web(type)
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .logStartupInfo(false)
                .listeners(new OncePrepared(onceLoggingIsConfigured))
                .run();
        synchronized (resources) {
            resources.addFirst(context);
        }
        return context;
    }

    /**
     * A class, not a lambda: Spring cannot read a lambda's event type, so it would call a lambda with every event
     * (each HTTP request's among them) and swallow the ClassCastException it throws.
     */
    private record OncePrepared(Runnable action) implements ApplicationListener<ApplicationPreparedEvent> {

        @Override
        public void onApplicationEvent(ApplicationPreparedEvent event) {
            action.run();
        }
    }

    /**
     * The standalone's settings above every other source, as a deployment's environment variables are above the
     * services' defaults; added before the environment post-processors (config files, {@code DATABASE_URL}) read it.
     */
    private record StandaloneSettingsFirst(Map<String, Object> settings)
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            event.getEnvironment().getPropertySources().addFirst(new MapPropertySource("standalone", settings));
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
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
        synchronized (resources) {
            closeAll();
        }
    }

    private void closeAll() {
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
