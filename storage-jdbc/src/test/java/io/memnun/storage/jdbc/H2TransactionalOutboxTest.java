package io.memnun.storage.jdbc;

import io.memnun.spi.FeedbackStore;
import io.memnun.tck.TransactionalOutboxContract;
import org.junit.jupiter.api.BeforeAll;

/** A change and its notifications together or not at all, on an in-memory H2 database. */
class H2TransactionalOutboxTest extends TransactionalOutboxContract {
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        storage = JdbcStorage.builder().dataSource(TestDatabases.h2()).migrateOnStart(true).build();
    }

    @Override
    protected FeedbackStore createStore() {
        return storage.feedbackStore();
    }
}
