package com.healthmonitor.common.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading {@code timestamptz} columns: PgJDBC returns them as {@link OffsetDateTime}, the services keep instants. */
public final class Timestamps {

    private Timestamps() {}

    /** The column's instant, or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
