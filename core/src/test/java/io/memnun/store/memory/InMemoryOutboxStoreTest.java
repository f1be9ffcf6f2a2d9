package io.memnun.store.memory;

import io.memnun.spi.OutboxStore;
import io.memnun.tck.OutboxStoreContract;

class InMemoryOutboxStoreTest extends OutboxStoreContract {
    @Override
    protected OutboxStore createOutbox() {
        return new InMemoryOutboxStore();
    }
}
