package io.memnun.storage.jdbc;

import io.memnun.spi.FeedbackStore;
import io.memnun.tck.FeedbackStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real PostgreSQL, started once for the test JVM. */
class PostgresFeedbackStoreTest extends FeedbackStoreContract {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(12);

    @Override
    protected FeedbackStore createStore() {
        return db.storage().feedbackStore();
    }
}
