package io.memnun.storage.jdbc;

import io.memnun.spi.AttachmentStore;
import io.memnun.tck.AttachmentStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAttachmentStoreTest extends AttachmentStoreContract {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(4);

    @Override
    protected AttachmentStore createStore() {
        return db.storage().attachmentStore();
    }
}
