package com.healthmonitor.common.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * {@code timestamptz} columns: PgJDBC reads and writes them as {@link OffsetDateTime} (not {@link Instant}), the
 * services keep instants. The one way they read such a column: each service's {@code ArchitectureTest} reports a
 * {@code getTimestamp}, an {@code OffsetDateTime.class} read or an {@code OffsetDateTime} row field anywhere else.
 */
public final class Timestamps {

    private Timestamps() {}

    /** The column's instant, or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** An instant as a parameter for a {@code timestamptz} column, or null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
