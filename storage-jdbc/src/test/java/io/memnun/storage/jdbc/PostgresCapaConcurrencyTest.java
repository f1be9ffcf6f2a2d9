package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Concurrent corrective action writes on PostgreSQL: the loser waits for the row lock, then finds a newer version. */
class PostgresCapaConcurrencyTest extends CapaConcurrencyTests {
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
    protected JdbcStorage storage() {
        return storage;
    }
}
