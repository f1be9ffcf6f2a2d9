package io.memnun.storage.jdbc;

import io.memnun.spi.CapaStore;
import io.memnun.tck.CapaStoreContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** The corrective action store contract on an in-memory H2 database, with a table prefix other than the default. */
class H2CapaStoreTest extends CapaStoreContract {
    private static DataSource dataSource;
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        dataSource = TestDatabases.h2();
        storage = JdbcStorage.builder().dataSource(dataSource).tablePrefix("pms_memnun_").migrateOnStart(true).build();
    }

    @Override
    protected CapaStore createStore() {
        // the escalation list spans tenants, so each test starts without the actions of the others
        empty(dataSource, "pms_memnun_");
        return storage.capaStore();
    }

    /** Deletes every corrective action and event under {@code prefix}. */
    static void empty(DataSource ds, String prefix) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM " + prefix + "capa_event");
            s.execute("DELETE FROM " + prefix + "capa");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the corrective action tables", e);
        }
    }
}
