package io.memnun.store.memory;

import io.memnun.spi.FeedbackStore;
import io.memnun.tck.FeedbackStoreContract;

class InMemoryFeedbackStoreTest extends FeedbackStoreContract {
    @Override
    protected FeedbackStore createStore() {
        return new InMemoryFeedbackStore();
    }
}
