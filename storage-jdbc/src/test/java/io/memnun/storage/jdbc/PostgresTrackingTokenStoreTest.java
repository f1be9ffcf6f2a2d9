package io.memnun.storage.jdbc;

import io.memnun.spi.TrackingTokenStore;
import io.memnun.tck.TrackingTokenStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTrackingTokenStoreTest extends TrackingTokenStoreContract {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(4);

    @Override
    protected TrackingTokenStore createStore() {
        return db.storage().trackingTokenStore();
    }
}
