package io.memnun.storage.jdbc;

import io.memnun.spi.OutboxStore;
import io.memnun.tck.OutboxStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox contract on a real PostgreSQL, started once for the test JVM. */
class PostgresOutboxStoreTest extends OutboxStoreContract {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(8);

    @Override
    protected OutboxStore createOutbox() {
        // claims are across tenants: every test starts with an empty outbox
        TestDatabases.emptyOutbox(db.dataSource(), "memnun_");
        return db.storage().outboxStore();
    }
}
