package io.memnun.storage.jdbc;

import org.junit.jupiter.api.BeforeAll;

/** Concurrent corrective action writes on H2: its row locks, or its refusal of a concurrent update (90131). */
class H2CapaConcurrencyTest extends CapaConcurrencyTests {
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        storage = JdbcStorage.builder().dataSource(TestDatabases.h2()).migrateOnStart(true).build();
    }

    @Override
    protected JdbcStorage storage() {
        return storage;
    }
}
