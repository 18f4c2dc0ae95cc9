package com.healthmonitor.migrations;

import com.healthmonitor.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database as an installation had it at an earlier version: a new one migrated up to {@code version}, for a test to
 * fill as that version's services did before {@link #migrateToLatest} converts it.
 */
final class DatabaseInUse {

    final JdbcClient jdbc;
    private final String url;

    private DatabaseInUse(String url) {
        this.url = url;
        this.jdbc = JdbcClient.create(DataSourceBuilder.create()
                .url(url)
                .username(TestDatabase.USERNAME)
                .password(TestDatabase.PASSWORD)
                .build());
    }

    static DatabaseInUse at(String version) {
        DatabaseInUse database = new DatabaseInUse(TestDatabase.newEmptyDatabase());
        database.flyway().target(version).load().migrate();
        return database;
    }

    void migrateToLatest() {
        flyway().load().migrate();
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
        return Flyway.configure().dataSource(url, TestDatabase.USERNAME, TestDatabase.PASSWORD);
    }
}
