package io.memnun.storage.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;


class PostgresTenantIsolationTest extends JdbcTenantIsolationTests {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(4);

    @Override
    JdbcStorage storage() {
        return db.storage();
    }
}
