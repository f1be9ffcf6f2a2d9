package io.memnun.storage.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresFaultTest extends FaultTests {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(4);

    @Override
    DataSource dataSource() {
        return db.dataSource();
    }
}
