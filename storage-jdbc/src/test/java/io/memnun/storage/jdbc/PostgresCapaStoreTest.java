package io.memnun.storage.jdbc;

import io.memnun.spi.CapaStore;
import io.memnun.tck.CapaStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The corrective action store contract on a real PostgreSQL, started once for the test JVM. */
class PostgresCapaStoreTest extends CapaStoreContract {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(10);

    @Override
    protected CapaStore createStore() {
        // the escalation list spans tenants, so each test starts without the actions of the others
        H2CapaStoreTest.empty(db.dataSource(), "memnun_");
        return db.storage().capaStore();
    }
}
