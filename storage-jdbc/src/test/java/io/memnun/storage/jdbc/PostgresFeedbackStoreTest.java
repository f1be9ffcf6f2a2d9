package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.memnun.spi.FeedbackStore;
import io.memnun.tck.FeedbackStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a real PostgreSQL, started once for the test JVM. */
class PostgresFeedbackStoreTest extends FeedbackStoreContract {
    private static HikariDataSource ds;
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        ds = TestDatabases.postgresSchema(12);
        storage = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @Override
    protected FeedbackStore createStore() {
        return storage.feedbackStore();
    }
}
