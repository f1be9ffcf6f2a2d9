package io.memnun.storage.jdbc;

import io.memnun.spi.PrivacyStore;
import io.memnun.tck.PrivacyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPrivacyStoreTest extends PrivacyStoreContract {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(4);

    @Override
    protected PrivacyStore createStore() {
        return db.storage().privacyStore();
    }
}
