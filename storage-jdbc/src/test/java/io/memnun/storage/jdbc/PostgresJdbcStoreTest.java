package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresJdbcStoreTest extends JdbcStoreTests {
    private static HikariDataSource ds;

    @BeforeAll
    static void database() {
        ds = TestDatabases.postgresSchema(12);
        createHostTable(ds);
        JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @Override
    JdbcStorage storage() {
        TestDatabases.truncate(ds, "memnun_");
        emptyHostTable(ds);
        // a node starting on the emptied tables: it holds no reference numbers taken before they were emptied
        return JdbcStorage.builder().dataSource(ds).build();
    }

    @Override
    DataSource dataSource() {
        return ds;
    }
}
