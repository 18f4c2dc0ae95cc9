package com.healthmonitor.common.database;

import java.util.Properties;
import java.util.function.Supplier;
import org.postgresql.Driver;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * RDS IAM database authentication: the password is a token that the RDS SDK signs locally with the task role's
 * credentials (no network call), valid for 15 minutes, accepted only over TLS. The database user needs
 * {@code GRANT rds_iam TO <user>}.
 */
final class RdsIamCredentials implements Supplier<DatabaseCredentials> {

    private final RdsUtilities rds;
    private final String host;
    private final int port;
    private final String username;

    RdsIamCredentials(RdsUtilities rds, String host, int port, String username) {
        this.rds = rds;
        this.host = host;
        this.port = port;
        this.username = username;
    }

    static RdsIamCredentials forUrl(RdsUtilities rds, String jdbcUrl, String username) {
        Properties parsed = Driver.parseURL(jdbcUrl, null);
        if (parsed == null || username == null || username.isBlank()) {
            throw new IllegalArgumentException("IAM database authentication needs a PostgreSQL URL and a user name");
        }
        String host = parsed.getProperty("PGHOST").split(",")[0];
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
        return new RdsIamCredentials(rds, host, port, username);
    }

    /** IAM tokens travel as passwords: RDS accepts them over TLS only, and so do we. */
    static String requireTls(String jdbcUrl) {
        Properties parsed = Driver.parseURL(jdbcUrl, null);
        String mode = parsed == null ? null : parsed.getProperty("sslmode");
        if (mode != null && !mode.equals("disable") && !mode.equals("allow") && !mode.equals("prefer")) {
            return jdbcUrl; // require, verify-ca or verify-full
        }
        String withoutMode = jdbcUrl.replaceAll("([?&])sslmode=[^&]*&?", "$1").replaceAll("[?&]$", "");
        return withoutMode + (withoutMode.contains("?") ? "&" : "?") + "sslmode=require";
    }

    @Override
    public DatabaseCredentials get() {
        String token = rds.generateAuthenticationToken(
                request -> request.hostname(host).port(port).username(username));
        return new DatabaseCredentials(username, token);
    }
}
