package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.memnun.spi.CapaStore;
import io.memnun.tck.CapaStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The corrective action store contract on a real PostgreSQL, started once for the test JVM. */
class PostgresCapaStoreTest extends CapaStoreContract {
    private static HikariDataSource ds;
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        ds = TestDatabases.postgresSchema(10);
        storage = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @Override
    protected CapaStore createStore() {
        // the escalation list spans tenants, so each test starts without the actions of the others
        H2CapaStoreTest.empty(ds, "memnun_");
        return storage.capaStore();
    }
}
