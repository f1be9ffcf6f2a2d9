package io.memnun.storage.jdbc;

import org.junit.jupiter.api.BeforeAll;

class H2TenantIsolationTest extends JdbcTenantIsolationTests {
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        storage = JdbcStorage.builder().dataSource(TestDatabases.h2()).migrateOnStart(true).build();
    }

    @Override
    JdbcStorage storage() {
        return storage;
    }
}
