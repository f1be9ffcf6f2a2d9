package io.memnun.benchmarks;

import io.memnun.feedback.Channel;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Priority;
import io.memnun.feedback.SlaKind;
import io.memnun.sla.SlaPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The baseline: the same lifecycle written by hand with plain INSERT and UPDATE statements, one audit row per step,
 * one transaction per step, and nothing else (no state checks, no version check, no reference sequence in the
 * database: numbers come from a counter in memory, which only one node could use).
 */
final class JdbcDriver implements LifecycleDriver {
    private final DataSource dataSource;
    private final AtomicLong references = new AtomicLong();

    private static final SlaPolicy RESOLUTION = SlaPolicy.defaults();

    JdbcDriver(DataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        String uuid = "uuid";
        String ts = postgres ? "timestamptz" : "timestamp(6) with time zone";
        String text = postgres ? "text" : "varchar";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE complaint (id " + uuid + " PRIMARY KEY, reference bigint NOT NULL, status varchar(20) NOT NULL,"
                    + " priority varchar(16) NOT NULL, channel varchar(40) NOT NULL, subject varchar(64), department varchar(64),"
                    + " location varchar(64), assignee varchar(64), customer_name varchar(200), customer_email varchar(320),"
                    + " description " + text + " NOT NULL, resolution " + text + ", closure_reason varchar(16),"
                    + " received_at " + ts + " NOT NULL, updated_at " + ts + " NOT NULL, due_at " + ts + ", resolved_at " + ts + ", closed_at " + ts + ")");
            s.execute("CREATE INDEX complaint_status_dept_ix ON complaint (status, department)");
            s.execute("CREATE TABLE complaint_audit (complaint_id " + uuid + " NOT NULL, step varchar(32) NOT NULL,"
                    + " actor varchar(128) NOT NULL, at " + ts + " NOT NULL, note " + text + ")");
            s.execute("CREATE INDEX complaint_audit_ix ON complaint_audit (complaint_id)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Step {
        void run(Connection c, OffsetDateTime now) throws SQLException;
    }

    private void inTransaction(Step step) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                step.run(c, OffsetDateTime.now(ZoneOffset.UTC));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void audit(Connection c, UUID id, String step, String actor, OffsetDateTime now, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO complaint_audit (complaint_id, step, actor, at, note) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, step);
            ps.setString(3, actor);
            ps.setObject(4, now);
            ps.setString(5, note);
            ps.executeUpdate();
        }
    }

    @Override
    public Object receive(int i) {
        UUID id = UUID.randomUUID();
        String subject = Workload.subject(i);
        inTransaction((c, now) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO complaint (id, reference, status, priority, channel, subject,"
                    + " department, location, customer_name, customer_email, description, received_at, updated_at, due_at)"
                    + " VALUES (?, ?, 'NEW', ?, 'web-form', ?, ?, 'istanbul', ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, id);
                ps.setLong(2, references.incrementAndGet());
                ps.setString(3, Workload.priority(i));
                ps.setString(4, subject);
                ps.setString(5, Workload.department(subject));
                ps.setString(6, "Guest " + i);
                ps.setString(7, "guest" + i + "@example.com");
                ps.setString(8, Workload.DESCRIPTION);
                ps.setObject(9, now);
                ps.setObject(10, now);
                // the same resolution deadline memnun computes, in business hours on the same calendar
                ps.setObject(11, OffsetDateTime.ofInstant(RESOLUTION.targetFor(SlaKind.RESOLUTION, Priority.valueOf(Workload.priority(i)),
                        FeedbackKind.COMPLAINT, Channel.WEB_FORM, null, null).orElseThrow().dueAt(now.toInstant()), ZoneOffset.UTC));
                ps.executeUpdate();
            }
            audit(c, id, "RECEIVED", "system", now, null);
        });
        return id;
    }

    @Override
    public void take(Object complaint, int i) {
        UUID id = (UUID) complaint;
        String staff = Workload.staff(Workload.department(Workload.subject(i)), i);
        inTransaction((c, now) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE complaint SET status = 'IN_PROGRESS', assignee = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, staff);
                ps.setObject(2, now);
                ps.setObject(3, id);
                ps.executeUpdate();
            }
            audit(c, id, "TAKEN", staff, now, null);
        });
    }

    @Override
    public void resolve(Object complaint, int i) {
        UUID id = (UUID) complaint;
        String staff = Workload.staff(Workload.department(Workload.subject(i)), i);
        inTransaction((c, now) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE complaint SET status = 'RESOLVED', resolution = ?, resolved_at = ?,"
                    + " updated_at = ? WHERE id = ?")) {
                ps.setString(1, "Room changed, one night refunded");
                ps.setObject(2, now);
                ps.setObject(3, now);
                ps.setObject(4, id);
                ps.executeUpdate();
            }
            audit(c, id, "RESOLVED", staff, now, "Room changed, one night refunded");
        });
    }

    @Override
    public void accept(Object complaint, int i) {
        UUID id = (UUID) complaint;
        inTransaction((c, now) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE complaint SET status = 'CLOSED', closure_reason = 'ACCEPTED',"
                    + " closed_at = ?, updated_at = ? WHERE id = ?")) {
                ps.setObject(1, now);
                ps.setObject(2, now);
                ps.setObject(3, id);
                ps.executeUpdate();
            }
            audit(c, id, "ACCEPTED", "customer", now, "thank you");
        });
    }

    @Override
    public Map<String, Long> openPerDepartment() {
        return counts("SELECT department, COUNT(*) FROM complaint WHERE status NOT IN ('CLOSED', 'CANCELLED') GROUP BY department");
    }

    @Override
    public Map<String, Long> closedPerSubject() {
        return counts("SELECT subject, COUNT(*) FROM complaint WHERE status = 'CLOSED' GROUP BY subject");
    }

    private Map<String, Long> counts(String sql) {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }
}
