package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.memnun.spi.OutboxStore;
import io.memnun.tck.OutboxStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The outbox contract on a real PostgreSQL, started once for the test JVM. */
class PostgresOutboxStoreTest extends OutboxStoreContract {
    private static HikariDataSource ds;
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        ds = TestDatabases.postgresSchema(8);
        storage = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @Override
    protected OutboxStore createOutbox() {
        // claims are across tenants: every test starts with an empty outbox
        TestDatabases.emptyOutbox(ds, "memnun_");
        return storage.outboxStore();
    }
}
