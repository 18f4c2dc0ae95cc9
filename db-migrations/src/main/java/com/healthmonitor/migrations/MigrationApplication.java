package com.healthmonitor.migrations;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One-shot schema migration: migrates the database named by {@code DATABASE_URL} to the latest version and
 * exits 0, or exits 1 with the reason. Runs as the ECS task that replaces the seed's {@code db_init.py}.
 */
@SpringBootApplication
public class MigrationApplication {

    /** The shared settings file, then this task's own ({@code db-migrations.yml}). */
    public static final String CONFIG_NAME = "health-monitor,db-migrations";

    private static final Logger log = LoggerFactory.getLogger(MigrationApplication.class);

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Migrates and returns the process exit code. */
    public static int run(String... args) {
        SpringApplication application = new SpringApplication(MigrationApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        try (ConfigurableApplicationContext context = application.run(args)) {
            Flyway flyway = context.getBean(Flyway.class);
            log.info(
                    "[DB MIGRATIONS] schema is at version {}",
                    flyway.info().current() == null
                            ? "none"
                            : flyway.info().current().getVersion().getVersion());
            return 0;
        } catch (RuntimeException e) {
            log.error("[DB MIGRATIONS] failed: {}", rootCauseMessage(e));
            return 1;
        }
    }

    private static String rootCauseMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
