package io.memnun.store.memory;

import io.memnun.spi.CatalogStore;
import io.memnun.tck.CatalogStoreContract;

class InMemoryCatalogStoreTest extends CatalogStoreContract {
    @Override
    protected CatalogStore createStore() {
        return new InMemoryCatalogStore();
    }
}
