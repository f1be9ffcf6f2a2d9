package io.memnun.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Empties the catalogue and rule set tables between tests, whose contracts use fixed tenants. */
final class RoutingTables {
    private RoutingTables() {}

    static void empty(DataSource ds, String prefix) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            s.execute("DELETE FROM " + prefix + "catalog");
            s.execute("DELETE FROM " + prefix + "rule_set");
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the catalogue and rule set tables", e);
        }
    }
}
