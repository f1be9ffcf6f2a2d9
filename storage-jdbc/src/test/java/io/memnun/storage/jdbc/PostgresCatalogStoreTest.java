package io.memnun.storage.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catalogue store on a real PostgreSQL, started once for the test JVM. */
class PostgresCatalogStoreTest extends JdbcCatalogStoreTests {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(10);

    @Override
    JdbcStorage storage() {
        RoutingTables.empty(db.dataSource(), "memnun_");
        return db.storage();
    }

    @Override
    DataSource dataSource() {
        return db.dataSource();
    }

    @Override
    String tablePrefix() {
        return "memnun_";
    }
}
