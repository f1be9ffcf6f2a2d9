package io.memnun.storage.jdbc;

import io.memnun.spi.FeedbackStore;
import io.memnun.tck.TransactionalOutboxContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A change and its notifications together or not at all, on a real PostgreSQL. */
class PostgresTransactionalOutboxTest extends TransactionalOutboxContract {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(4);

    @Override
    protected FeedbackStore createStore() {
        return db.storage().feedbackStore();
    }
}
