package io.memnun.storage.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

class H2IntakeFuzzTest extends IntakeFuzzTests {
    private static DataSource ds;

    @BeforeAll
    static void database() {
        ds = TestDatabases.h2();
        JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
    }

    @Override
    DataSource dataSource() {
        return ds;
    }

    @Override
    String name() {
        return "h2";
    }
}
