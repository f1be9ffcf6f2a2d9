package io.memnun.storage.jdbc;

import javax.sql.DataSource;

class H2PersonalDataScanTest extends PersonalDataScanTests {
    private final DataSource ds = TestDatabases.h2();
    private final JdbcStorage storage = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();

    @Override
    protected DataSource dataSource() {
        return ds;
    }

    @Override
    protected JdbcStorage storage() {
        return storage;
    }
}
