package com.healthmonitor.common.database;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens connections with credentials that may change while the service runs: RDS rotates the master password
 * it manages, and a password injected once at task start would stop working; an IAM token expires after 15
 * minutes. Rotating credentials are fetched once and cached; when the database refuses them, they are fetched
 * again and the connection is retried once. Tokens are fetched anew for every connection.
 */
public final class RotatingCredentialsDataSource implements DataSource {

    /** PostgreSQL's invalid_password and invalid_authorization_specification. */
    private static final String INVALID_PASSWORD = "28P01";

    private static final String INVALID_AUTHORIZATION = "28000";

    private final String jdbcUrl;
    private final Supplier<DatabaseCredentials> source;
    private final boolean cache;
    private final AtomicReference<DatabaseCredentials> cached = new AtomicReference<>();

    private RotatingCredentialsDataSource(String jdbcUrl, Supplier<DatabaseCredentials> source, boolean cache) {
        this.jdbcUrl = jdbcUrl;
        this.source = source;
        this.cache = cache;
    }

    /** Credentials that stay valid until rotated: read once, read again when the database refuses them. */
    public static RotatingCredentialsDataSource cachedUntilRefused(
            String jdbcUrl, Supplier<DatabaseCredentials> source) {
        return new RotatingCredentialsDataSource(jdbcUrl, source, true);
    }

    /** Short-lived credentials such as IAM tokens: read for every new connection. */
    public static RotatingCredentialsDataSource freshForEveryConnection(
            String jdbcUrl, Supplier<DatabaseCredentials> source) {
        return new RotatingCredentialsDataSource(jdbcUrl, source, false);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!cache) {
            return connect(refresh(null));
        }
        DatabaseCredentials credentials = cached.get();
        if (credentials == null) {
            credentials = refresh(null);
        }
        try {
            return connect(credentials);
        } catch (SQLException e) {
            if (!INVALID_PASSWORD.equals(e.getSQLState()) && !INVALID_AUTHORIZATION.equals(e.getSQLState())) {
                throw e;
            }
            // Probably rotated since we last read it.
            return connect(refresh(credentials));
        }
    }

    private DatabaseCredentials refresh(DatabaseCredentials stale) throws SQLException {
        DatabaseCredentials fresh;
        try {
            fresh = source.get();
        } catch (RuntimeException e) {
            // The pool retries SQLExceptions with backoff, as for any unreachable database.
            throw new SQLException("could not read the database credentials: " + e.getMessage(), "08001", e);
        }
        cached.compareAndSet(stale, fresh);
        return fresh;
    }

    private Connection connect(DatabaseCredentials credentials) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", credentials.username());
        properties.setProperty("password", credentials.password());
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the rotating source");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
