package io.memnun.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An invitation answered while its delivery is recorded, on PostgreSQL (READ COMMITTED). */
class PostgresSurveyConcurrencyTest extends SurveyConcurrencyTests {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(6);

    @Override
    protected JdbcStorage storage() {
        return db.storage();
    }

    @Override
    protected DataSource dataSource() {
        return db.dataSource();
    }

    @Override
    protected int waitingOn(Connection holder) throws SQLException {
        try (PreparedStatement ps = holder.prepareStatement(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
