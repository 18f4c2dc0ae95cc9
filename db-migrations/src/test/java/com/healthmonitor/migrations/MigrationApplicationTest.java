package com.healthmonitor.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmonitor.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

class MigrationApplicationTest {

    @Test
    void migratesAnEmptyDatabaseToTheLatestSchemaAndExitsZero() {
        String url = TestDatabase.newEmptyDatabase();

        int exitCode = MigrationApplication.run(datasourceArgs(url));

        assertThat(exitCode).isZero();
        JdbcClient jdbc = jdbc(url);
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success")
                        .query(Integer.class)
                        .single())
                .isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM monitors")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void runningAgainOnAMigratedDatabaseChangesNothingAndExitsZero() {
        String url = TestDatabase.newEmptyDatabase();
        MigrationApplication.run(datasourceArgs(url));
        int applied = countMigrations(url);

        assertThat(MigrationApplication.run(datasourceArgs(url))).isZero();
        assertThat(countMigrations(url)).isEqualTo(applied);
    }

    @Test
    void exitsNonZeroWhenTheDatabaseCannotBeReached() {
        int exitCode = MigrationApplication.run(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere",
                "--spring.datasource.username=x",
                "--spring.datasource.password=x",
                "--spring.flyway.connect-retries=0",
                "--spring.datasource.hikari.connection-timeout=1000");

        assertThat(exitCode).isEqualTo(1);
    }

    @Test
    void schemaRejectsRowsTheApiWouldRefuse() {
        JdbcClient jdbc = jdbc(TestDatabase.newMigratedDatabase());
        String insert = "INSERT INTO monitors (name, url, check_interval, timeout, expected_status_code, webhook_url)"
                + " VALUES (?, ?, ?, ?, ?, ?)";

        jdbc.sql(insert).params("ok", "https://example.com", 60, 5, 200, null).update();
        assertThatThrownBy(() -> jdbc.sql(insert)
                        .params("timeout not below interval", "https://example.com", 30, 30, 200, null)
                        .update())
                .hasMessageContaining("monitors_timeout_below_interval");
        assertThatThrownBy(() -> jdbc.sql(insert)
                        .params("bad url", "ftp://example.com", 60, 5, 200, null)
                        .update())
                .hasMessageContaining("monitors_url_check");
        assertThatThrownBy(() -> jdbc.sql(insert)
                        .params(" ", "https://example.com", 60, 5, 200, null)
                        .update())
                .hasMessageContaining("monitors_name_check");
        assertThatThrownBy(() -> jdbc.sql(insert)
                        .params("bad status", "https://example.com", 60, 5, 600, null)
                        .update())
                .hasMessageContaining("monitors_expected_status_code_check");
        assertThatThrownBy(() ->
                        jdbc.sql("UPDATE monitors SET status = 'SIDEWAYS'").update())
                .hasMessageContaining("monitors_status_check");
    }

    private static String[] datasourceArgs(String url) {
        return new String[] {
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + TestDatabase.USERNAME,
            "--spring.datasource.password=" + TestDatabase.PASSWORD
        };
    }

    private static int countMigrations(String url) {
        return jdbc(url)
                .sql("SELECT count(*) FROM flyway_schema_history")
                .query(Integer.class)
                .single();
    }

    private static JdbcClient jdbc(String url) {
        return JdbcClient.create(DataSourceBuilder.create()
                .url(url)
                .username(TestDatabase.USERNAME)
                .password(TestDatabase.PASSWORD)
                .build());
    }
}
