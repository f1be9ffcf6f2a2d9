package io.memnun.store.memory;

import io.memnun.spi.CapaStore;
import io.memnun.tck.CapaStoreContract;

class InMemoryCapaStoreTest extends CapaStoreContract {
    @Override
    protected CapaStore createStore() {
        return new InMemoryCapaStore();
    }
}
