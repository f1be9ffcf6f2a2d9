package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInfo;

/**
 * For test classes whose tests run once per database ({@code @ValueSource(strings = {"h2", "postgresql"})} and
 * {@link #on} first): a fresh, migrated database of each kind per test class, made on first use and closed after the
 * class, so that what one class leaves behind (feedback due for the SLA monitor, pending messages) never meets another.
 */
abstract class OnEachDatabase {
    private static final Map<Class<?>, Map<String, DataSource>> OPEN = new ConcurrentHashMap<>();
    private DataSource dataSource;
    private String name;

    /** The PostgreSQL pool size this class needs. */
    int poolSize() {
        return 4;
    }

    /** The test runs on {@code database}: "h2" or "postgresql". */
    void on(String database) {
        this.name = database;
        this.dataSource = OPEN.computeIfAbsent(getClass(), c -> new ConcurrentHashMap<>()).computeIfAbsent(database, n -> {
            DataSource ds = switch (n) {
                case "h2" -> TestDatabases.h2();
                case "postgresql" -> TestDatabases.postgresSchema(poolSize());
                default -> throw new IllegalArgumentException("no test database " + n);
            };
            JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
            return ds;
        });
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code sql} with {@code params} on its own (auto-commit), as a change made behind memnun's back, and checks
     * that it changed a row.
     */
    void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            assertThat(ps.executeUpdate()).as(sql).isPositive();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String name() {
        return name;
    }

    @AfterAll
    static void closeDatabases(TestInfo info) {
        Map<String, DataSource> open = OPEN.remove(info.getTestClass().orElseThrow());
        if (open != null) {
            open.values().forEach(ds -> {
                if (ds instanceof HikariDataSource h) {
                    h.close();
                }
            });
        }
    }
}
