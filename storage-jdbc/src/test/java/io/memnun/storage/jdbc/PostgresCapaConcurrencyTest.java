package io.memnun.storage.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Concurrent corrective action writes on PostgreSQL: the loser waits for the row lock, then finds a newer version. */
class PostgresCapaConcurrencyTest extends CapaConcurrencyTests {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(8);

    @Override
    protected JdbcStorage storage() {
        return db.storage();
    }
}
