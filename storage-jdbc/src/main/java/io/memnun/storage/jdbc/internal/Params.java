package io.memnun.storage.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Binding and reading of the value types the stores use, the same way on every dialect. */
public final class Params {
    private Params() {}

    /**
     * An instant as both databases keep it: microseconds. Truncated here rather than left to the database, which
     * would round (PostgreSQL) and so could move a time across a second or a day boundary.
     */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static void setInstant(PreparedStatement ps, int index, @Nullable Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            Instant t = micros(instant);
            // built from the epoch second: OffsetDateTime.ofInstant would look up the offset's rules on every call
            ps.setObject(index, OffsetDateTime.of(LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC), ZoneOffset.UTC));
        }
    }

    public static @Nullable Instant getInstant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Instant getRequiredInstant(ResultSet rs, int index) throws SQLException {
        Instant t = getInstant(rs, index);
        if (t == null) {
            throw new SQLException("column " + rs.getMetaData().getColumnName(index) + " is null");
        }
        return t;
    }

    public static void setString(PreparedStatement ps, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    public static void setUuid(PreparedStatement ps, int index, UUID value) throws SQLException {
        ps.setObject(index, value);
    }

    public static UUID getUuid(ResultSet rs, int index) throws SQLException {
        return rs.getObject(index, UUID.class);
    }

    /** Binds any value the stores put into a generic condition. */
    public static void set(PreparedStatement ps, int index, @Nullable Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof Instant i) {
            setInstant(ps, index, i);
        } else if (value instanceof Integer i) {
            ps.setInt(index, i);
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else {
            ps.setObject(index, value);
        }
    }
}
