package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresRowClaimerTest extends RowClaimerTests {
    private static HikariDataSource ds;

    @BeforeAll
    static void database() {
        ds = TestDatabases.postgresSchema(10);
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @Override
    DataSource dataSource() {
        return ds;
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
