package io.memnun.storage.jdbc;

import io.memnun.spi.AttachmentStore;
import io.memnun.tck.AttachmentStoreContract;
import org.junit.jupiter.api.BeforeAll;

class H2AttachmentStoreTest extends AttachmentStoreContract {
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        storage = JdbcStorage.builder().dataSource(TestDatabases.h2()).migrateOnStart(true).build();
    }

    @Override
    protected AttachmentStore createStore() {
        return storage.attachmentStore();
    }
}
