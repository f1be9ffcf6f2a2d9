package io.memnun.store.memory;

import io.memnun.spi.FeedbackStore;
import io.memnun.tck.TransactionalOutboxContract;

class InMemoryTransactionalOutboxTest extends TransactionalOutboxContract {
    @Override
    protected FeedbackStore createStore() {
        return new InMemoryFeedbackStore();
    }
}
