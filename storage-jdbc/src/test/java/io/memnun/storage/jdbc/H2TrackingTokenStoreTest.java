package io.memnun.storage.jdbc;

import io.memnun.spi.TrackingTokenStore;
import io.memnun.tck.TrackingTokenStoreContract;
import org.junit.jupiter.api.BeforeAll;

class H2TrackingTokenStoreTest extends TrackingTokenStoreContract {
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        storage = JdbcStorage.builder().dataSource(TestDatabases.h2()).migrateOnStart(true).build();
    }

    @Override
    protected TrackingTokenStore createStore() {
        return storage.trackingTokenStore();
    }
}
