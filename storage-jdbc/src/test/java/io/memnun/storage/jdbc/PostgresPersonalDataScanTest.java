package io.memnun.storage.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPersonalDataScanTest extends PersonalDataScanTests {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(4);

    @Override
    protected DataSource dataSource() {
        return db.dataSource();
    }

    @Override
    protected JdbcStorage storage() {
        return db.storage();
    }
}
