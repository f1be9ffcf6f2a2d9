package io.memnun.storage.jdbc;

import io.memnun.spi.OutboxStore;
import io.memnun.tck.OutboxStoreContract;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** The outbox contract on an in-memory H2 database, with a table prefix other than the default. */
class H2OutboxStoreTest extends OutboxStoreContract {
    private static DataSource ds;
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        ds = TestDatabases.h2();
        storage = JdbcStorage.builder().dataSource(ds).tablePrefix("pms_memnun_").migrateOnStart(true).build();
    }

    @Override
    protected OutboxStore createOutbox() {
        // claims are across tenants: every test starts with an empty outbox
        TestDatabases.emptyOutbox(ds, "pms_memnun_");
        return storage.outboxStore();
    }
}
