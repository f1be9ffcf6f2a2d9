package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The catalogue store on a real PostgreSQL, started once for the test JVM. */
class PostgresCatalogStoreTest extends JdbcCatalogStoreTests {
    private static HikariDataSource ds;
    private static JdbcStorage shared;

    @BeforeAll
    static void database() {
        ds = TestDatabases.postgresSchema(10);
        shared = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @Override
    JdbcStorage storage() {
        RoutingTables.empty(ds, "memnun_");
        return shared;
    }

    @Override
    DataSource dataSource() {
        return ds;
    }
}
