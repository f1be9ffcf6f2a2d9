package io.memnun.store.memory;

import io.memnun.spi.TrackingTokenStore;
import io.memnun.tck.TrackingTokenStoreContract;

class InMemoryTrackingTokenStoreTest extends TrackingTokenStoreContract {
    @Override
    protected TrackingTokenStore createStore() {
        return new InMemoryTrackingTokenStore();
    }
}
