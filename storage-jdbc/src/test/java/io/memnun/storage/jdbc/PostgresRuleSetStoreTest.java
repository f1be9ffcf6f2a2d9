package io.memnun.storage.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;


/** The rule set store on a real PostgreSQL, started once for the test JVM. */
class PostgresRuleSetStoreTest extends JdbcRuleSetStoreTests {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(10);

    @Override
    JdbcStorage storage() {
        RoutingTables.empty(db.dataSource(), "memnun_");
        return db.storage();
    }

    @Override
    javax.sql.DataSource dataSource() {
        return db.dataSource();
    }

    @Override
    String tablePrefix() {
        return "memnun_";
    }
}
