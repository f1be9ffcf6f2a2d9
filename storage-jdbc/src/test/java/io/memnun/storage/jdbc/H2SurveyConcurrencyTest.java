package io.memnun.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** An invitation answered while its delivery is recorded, on H2 (MVStore, READ COMMITTED). */
class H2SurveyConcurrencyTest extends SurveyConcurrencyTests {
    private static DataSource dataSource;
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        dataSource = TestDatabases.h2();
        storage = JdbcStorage.builder().dataSource(dataSource).migrateOnStart(true).build();
    }

    @Override
    protected JdbcStorage storage() {
        return storage;
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected int waitingOn(Connection holder) throws SQLException {
        try (PreparedStatement ps = holder.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = SESSION_ID()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
