package com.healthmonitor.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmonitor.common.database.DatabaseCredentials;
import com.healthmonitor.common.database.RotatingCredentialsDataSource;
import com.healthmonitor.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Password rotation against a real PostgreSQL that checks passwords (SCRAM) for the test's role. */
class RotatingCredentialsDataSourceTest {

    private static final String ROLE = "rotating_app";
    private static JdbcClient admin;

    private final AtomicReference<String> secret = new AtomicReference<>("first-password");
    private final AtomicInteger fetches = new AtomicInteger();
    private final String url = TestDatabase.server().getJdbcUrl(ROLE, "postgres");
    private final RotatingCredentialsDataSource dataSource =
            RotatingCredentialsDataSource.cachedUntilRefused(url, () -> {
                fetches.incrementAndGet();
                return new DatabaseCredentials(ROLE, secret.get());
            });

    @BeforeAll
    static void requirePasswordsForTheRole() throws Exception {
        admin = JdbcClient.create(TestDatabase.server().getPostgresDatabase());
        Path hba = Path.of(admin.sql("SHOW hba_file").query(String.class).single());
        String rule = "host all " + ROLE + " all scram-sha-256\n";
        String current = Files.readString(hba);
        if (!current.startsWith(rule)) {
            // The embedded server trusts everyone by default; the first matching line wins.
            Files.writeString(hba, rule + current);
            admin.sql("SELECT pg_reload_conf()").query(Boolean.class).single();
        }
        admin.sql("DROP ROLE IF EXISTS " + ROLE).update();
        admin.sql("CREATE ROLE " + ROLE + " LOGIN PASSWORD 'first-password'").update();
    }

    @Test
    void readsTheCredentialsOnceAndPicksUpARotatedPassword() throws SQLException {
        assertConnects();
        assertConnects();
        assertThat(fetches).hasValue(1);

        admin.sql("ALTER ROLE " + ROLE + " PASSWORD 'second-password'").update();
        secret.set("second-password");

        assertConnects();
        assertThat(fetches).hasValue(2);
        assertConnects();
        assertThat(fetches).hasValue(2);

        admin.sql("ALTER ROLE " + ROLE + " PASSWORD 'first-password'").update();
        secret.set("first-password");
    }

    @Test
    void givesUpAfterOneRefreshWhenTheSecretIsWrong() {
        secret.set("not-the-password");

        assertThatThrownBy(dataSource::getConnection)
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("28P01");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void asksForFreshShortLivedCredentialsOnEveryConnection() throws SQLException {
        // As with IAM tokens: each connection presents what the source hands out at that moment.
        RotatingCredentialsDataSource tokens = RotatingCredentialsDataSource.freshForEveryConnection(url, () -> {
            fetches.incrementAndGet();
            return new DatabaseCredentials(ROLE, secret.get());
        });

        assertConnects(tokens);
        assertConnects(tokens);
        assertThat(fetches).hasValue(2);

        admin.sql("ALTER ROLE " + ROLE + " PASSWORD 'second-password'").update();
        secret.set("second-password");
        assertConnects(tokens);
        assertThat(fetches).hasValue(3);

        admin.sql("ALTER ROLE " + ROLE + " PASSWORD 'first-password'").update();
        secret.set("first-password");
    }

    private void assertConnects() throws SQLException {
        assertConnects(dataSource);
    }

    private static void assertConnects(RotatingCredentialsDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }
}
