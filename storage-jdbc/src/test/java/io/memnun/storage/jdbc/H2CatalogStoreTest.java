package io.memnun.storage.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** The catalogue store on an in-memory H2 database, with a table prefix other than the default. */
class H2CatalogStoreTest extends JdbcCatalogStoreTests {
    private static DataSource ds;
    private static JdbcStorage shared;

    @BeforeAll
    static void database() {
        ds = TestDatabases.h2();
        shared = JdbcStorage.builder().dataSource(ds).tablePrefix("pms_memnun_").migrateOnStart(true).build();
    }

    @Override
    JdbcStorage storage() {
        RoutingTables.empty(ds, "pms_memnun_");
        return shared;
    }

    @Override
    DataSource dataSource() {
        return ds;
    }

    @Override
    String tablePrefix() {
        return "pms_memnun_";
    }
}
