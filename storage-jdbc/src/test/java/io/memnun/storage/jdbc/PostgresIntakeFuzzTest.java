package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresIntakeFuzzTest extends IntakeFuzzTests {
    private static HikariDataSource ds;

    @BeforeAll
    static void database() {
        ds = TestDatabases.postgresSchema(4);
        JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
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
    String name() {
        return "postgresql";
    }
}
