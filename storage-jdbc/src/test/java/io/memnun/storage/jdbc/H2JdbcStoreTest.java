package io.memnun.storage.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

class H2JdbcStoreTest extends JdbcStoreTests {
    private static DataSource ds;

    @BeforeAll
    static void database() {
        ds = TestDatabases.h2();
        // the host's table is there first: memnun's migrations must not mind a non-empty schema
        createHostTable(ds);
        JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
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
