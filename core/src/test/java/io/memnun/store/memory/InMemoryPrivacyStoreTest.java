package io.memnun.store.memory;

import io.memnun.spi.PrivacyStore;
import io.memnun.tck.PrivacyStoreContract;

class InMemoryPrivacyStoreTest extends PrivacyStoreContract {
    @Override
    protected PrivacyStore createStore() {
        return new InMemoryPrivacyStore();
    }
}
