package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh schema of the embedded PostgreSQL for one test class, migrated, with its pool closed after the class:
 * {@code @RegisterExtension static final PostgresSchema db = new PostgresSchema(4);}, then {@code db.storage()}.
 */
final class PostgresSchema implements BeforeAllCallback, AfterAllCallback {
    private final int poolSize;
    private HikariDataSource dataSource;
    private JdbcStorage storage;

    PostgresSchema(int poolSize) {
        this.poolSize = poolSize;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        dataSource = TestDatabases.postgresSchema(poolSize);
        storage = JdbcStorage.builder().dataSource(dataSource).migrateOnStart(true).build();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        dataSource.close();
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    JdbcStorage storage() {
        return storage;
    }
}
