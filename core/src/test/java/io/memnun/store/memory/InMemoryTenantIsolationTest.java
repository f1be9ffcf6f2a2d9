package io.memnun.store.memory;

import io.memnun.spi.FeedbackStore;
import io.memnun.tck.TenantIsolationContract;

class InMemoryTenantIsolationTest extends TenantIsolationContract {
    private static final InMemoryFeedbackStore STORE = new InMemoryFeedbackStore();

    @Override
    protected FeedbackStore createStore() {
        return STORE;
    }
}
