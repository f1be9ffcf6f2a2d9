package io.memnun.store.memory;

import io.memnun.spi.AttachmentStore;
import io.memnun.tck.AttachmentStoreContract;

class InMemoryAttachmentStoreTest extends AttachmentStoreContract {
    @Override
    protected AttachmentStore createStore() {
        return new InMemoryAttachmentStore();
    }
}
