package io.memnun.examples.crm;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The CRM's own database access: its tables, and its transactions. A CRM transaction binds its connection to the
 * thread, so code that runs inside one (the case sync listener) writes in the same transaction, as a framework's
 * transaction manager would arrange.
 */
final class CrmDatabase {
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static final ThreadLocal<Connection> CURRENT = new ThreadLocal<>();
    private final DataSource dataSource;

    CrmDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    void createSchema() {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("create table crm_team (id varchar(40) primary key, name varchar(100) not null, lead_user varchar(40))");
                s.execute("create table crm_user (id varchar(40) primary key, full_name varchar(100) not null, email varchar(200) not null,"
                        + " team varchar(40) not null references crm_team(id), can_resolve boolean not null)");
                s.execute("create table crm_call (id identity primary key, account varchar(40) not null, agent varchar(40) not null,"
                        + " summary varchar(2000) not null, at timestamp not null)");
                s.execute("create table crm_activity (id identity primary key, account varchar(200) not null, kind varchar(40) not null,"
                        + " body varchar(4000) not null, at timestamp not null)");
                s.execute("create table crm_case (reference varchar(40) primary key, status varchar(40) not null, last_event varchar(40) not null,"
                        + " assignee varchar(40), updated_at timestamp not null)");
                s.execute("insert into crm_team values ('support', 'Customer Support', 'u-100'), ('billing', 'Billing', 'u-200')");
                s.execute("insert into crm_user values"
                        + " ('u-100', 'Selin Aydın', 'selin@crm.example', 'support', true),"
                        + " ('u-101', 'Can Yılmaz', 'can@crm.example', 'support', false),"
                        + " ('u-200', 'Derya Şen', 'derya@crm.example', 'billing', true)");
            }
            return null;
        });
    }

    /** Runs {@code work} in one transaction of the CRM: committed if it returns, rolled back if it throws. */
    <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            CURRENT.set(c);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            } finally {
                CURRENT.remove();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inside a CRM transaction, joins it; otherwise runs in a transaction of its own. */
    <T> T joinOrStart(Work<T> work) {
        Connection current = CURRENT.get();
        if (current == null) {
            return inTransaction(work);
        }
        try {
            return work.run(current);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void postActivity(String account, String kind, String body, Instant at) {
        joinOrStart(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into crm_activity (account, kind, body, at) values (?, ?, ?, ?)")) {
                ps.setString(1, account);
                ps.setString(2, kind);
                ps.setString(3, body);
                ps.setTimestamp(4, Timestamp.from(at));
                return ps.executeUpdate();
            }
        });
    }
}
