package io.memnun.storage.jdbc;

import io.memnun.error.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The databases memnun's JDBC stores support. Detected from the connection unless the host names one. */
public enum Dialect {
    /** H2 2.x, embedded (file or in-memory) or server. */
    H2("h2"),
    /** PostgreSQL 14 or newer. */
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The folder of this dialect's migrations under {@code db/memnun/}. */
    public String folder() {
        return folder;
    }

    /**
     * The dialect of the database behind {@code connection}.
     *
     * @throws StoreException if it is neither H2 nor PostgreSQL
     */
    public static Dialect of(Connection connection) {
        try {
            String product = connection.getMetaData().getDatabaseProductName();
            String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
            if (p.contains("h2")) {
                return H2;
            }
            if (p.contains("postgresql")) {
                return POSTGRESQL;
            }
            throw new StoreException("unsupported database '" + product + "': memnun-storage-jdbc supports H2 and PostgreSQL");
        } catch (SQLException e) {
            throw new StoreException("could not read the database product name", e);
        }
    }
}
