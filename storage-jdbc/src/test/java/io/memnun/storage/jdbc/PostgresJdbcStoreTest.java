package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.memnun.error.StoreException;
import io.memnun.feedback.Feedback;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresJdbcStoreTest extends JdbcStoreTests {
    private static HikariDataSource ds;

    @BeforeAll
    static void database() {
        ds = TestDatabases.postgresSchema(12);
        createHostTable(ds);
        JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @Override
    JdbcStorage storage() {
        TestDatabases.truncate(ds, "memnun_");
        emptyHostTable(ds);
        // a node starting on the emptied tables: it holds no reference numbers taken before they were emptied
        return JdbcStorage.builder().dataSource(ds).build();
    }

    /** On PostgreSQL a failed statement would leave the host's whole transaction refusing every further one. */
    @Test
    void aReadThatFailsInsideAHostTransactionLeavesTheHostTransactionUsable() throws SQLException {
        Feedback f = desk.receive(intake(HOTEL, "Klima çalışmıyor").build());
        try (Connection migration = dataSource().getConnection(); Connection c = dataSource().getConnection()) {
            // another session holds memnun's table (a migration, say): the read waits past the host's lock timeout
            migration.setAutoCommit(false);
            try (Statement s = migration.createStatement()) {
                s.execute("LOCK TABLE memnun_feedback IN ACCESS EXCLUSIVE MODE");
            }
            c.setAutoCommit(false);
            hostWrite(c, "room changed");
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '100ms'");
            }
            assertThatThrownBy(() -> storage.withConnection(c, () -> store.find(HOTEL, f.id())))
                    .isInstanceOf(StoreException.class).hasMessageContaining("lock timeout")
                    .hasCauseInstanceOf(SQLException.class);
            migration.rollback();
            assertThat(storage.withConnection(c, () -> store.find(HOTEL, f.id()))).isPresent();
            hostWrite(c, "complaint noted");
            c.commit();
        }
        assertThat(hostRows()).containsExactlyInAnyOrder("room changed", "complaint noted");
    }

    @Override
    DataSource dataSource() {
        return ds;
    }
}
