package io.memnun.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/** Changes a tenant's stored JSON documents behind the store's back, as a hand-edit or another program would. */
final class StoredDocuments {
    private StoredDocuments() {}

    /** Replaces every {@code column} of {@code tenant}'s rows in {@code table} with {@code change} of it. */
    static void rewrite(DataSource ds, String table, String column, String tenant, UnaryOperator<String> change) {
        try (Connection c = ds.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            List<String> documents = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM " + table + " WHERE tenant = ?")) {
                ps.setString(1, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        documents.add(rs.getString(1));
                    }
                }
            }
            String parameter = postgres ? "CAST(? AS jsonb)" : "?";
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + column + " = " + parameter
                    + " WHERE tenant = ? AND " + (postgres ? column + "::text" : column) + " = ?")) {
                for (String d : documents) {
                    ps.setString(1, change.apply(d));
                    ps.setString(2, tenant);
                    ps.setString(3, d);
                    ps.executeUpdate();
                }
            }
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw new IllegalStateException("could not rewrite " + table + "." + column, e);
        }
    }
}
