package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.memnun.spi.FeedbackStore;
import io.memnun.tck.TransactionalOutboxContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A change and its notifications together or not at all, on a real PostgreSQL. */
class PostgresTransactionalOutboxTest extends TransactionalOutboxContract {
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
    protected FeedbackStore createStore() {
        return storage.feedbackStore();
    }
}
