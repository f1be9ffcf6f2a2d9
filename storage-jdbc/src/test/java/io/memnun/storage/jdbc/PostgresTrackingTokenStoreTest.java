package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.memnun.spi.TrackingTokenStore;
import io.memnun.tck.TrackingTokenStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresTrackingTokenStoreTest extends TrackingTokenStoreContract {
    private static HikariDataSource ds;
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        ds = TestDatabases.postgresSchema(4);
        storage = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @Override
    protected TrackingTokenStore createStore() {
        return storage.trackingTokenStore();
    }
}
