package io.memnun.storage.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

class H2RowClaimerTest extends RowClaimerTests {
    private static DataSource ds;

    @BeforeAll
    static void database() {
        ds = TestDatabases.h2();
    }

    @Override
    DataSource dataSource() {
        return ds;
    }

    @Override
    Dialect dialect() {
        return Dialect.H2;
    }
}
