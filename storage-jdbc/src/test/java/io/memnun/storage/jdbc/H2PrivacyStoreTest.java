package io.memnun.storage.jdbc;

import io.memnun.spi.PrivacyStore;
import io.memnun.tck.PrivacyStoreContract;
import org.junit.jupiter.api.BeforeAll;

class H2PrivacyStoreTest extends PrivacyStoreContract {
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        storage = JdbcStorage.builder().dataSource(TestDatabases.h2()).migrateOnStart(true).build();
    }

    @Override
    protected PrivacyStore createStore() {
        return storage.privacyStore();
    }
}
