package io.memnun.storage.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections fail like a dropped network link: once armed with {@link #failCall(int)}, the
 * n-th statement execution or commit from then on (counted across all connections, {@code execute*} and
 * {@code commit} alike) throws instead of reaching the database. Unarmed it only counts.
 */
final class FailingDataSource implements DataSource {
    private final DataSource target;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int failAt = -1;
    private volatile int actionAt = -1;
    private volatile Runnable action;
    private volatile java.util.Random random;
    private volatile double probability;
    private final AtomicInteger injected = new AtomicInteger();
    private volatile java.util.function.Supplier<SQLException> failure = FailingDataSource::lostConnection;

    FailingDataSource(DataSource target) {
        this.target = target;
    }

    /** Makes the {@code n}-th call from now fail (1 is the next one), as a dropped connection. */
    void failCall(int n) {
        failCall(n, FailingDataSource::lostConnection);
    }

    /** Makes the {@code n}-th call from now fail with what {@code failure} gives (1 is the next one). */
    void failCall(int n, java.util.function.Supplier<SQLException> failure) {
        this.failure = failure;
        failAt = calls.get() + n;
    }

    /** H2's refusal to update a row another transaction changed meanwhile. */
    static SQLException concurrentUpdate() {
        return new SQLException("injected concurrent update", "90131", 90131);
    }

    /** PostgreSQL's deadlock, the database choosing this transaction to fail. */
    static SQLException deadlock() {
        return new SQLException("injected deadlock", "40P01");
    }

    private static SQLException lostConnection() {
        return new SQLTransientConnectionException("injected failure", "08006");
    }

    /**
     * Runs {@code action} just before the {@code n}-th call from now (1 is the next one) reaches the database: what
     * another node does between two statements of a store call.
     */
    void beforeCall(int n, Runnable action) {
        this.action = action;
        actionAt = calls.get() + n;
    }

    /** Makes each call from now fail with {@code probability}, drawn from {@code seed}; 0 stops it. */
    synchronized void failRandomly(double probability, long seed) {
        this.failure = FailingDataSource::lostConnection;
        this.random = new java.util.Random(seed);
        this.probability = probability;
    }

    private synchronized boolean draw() {
        return probability > 0 && random.nextDouble() < probability;
    }

    /** How many failures were injected so far. */
    int injected() {
        return injected.get();
    }

    /** How many executions and commits were attempted so far. */
    int calls() {
        return calls.get();
    }

    private void count(String method) throws SQLException {
        int call = calls.incrementAndGet();
        if (call == actionAt) {
            action.run();
        }
        if (call == failAt || draw()) {
            injected.incrementAndGet();
            SQLException e = failure.get();
            if (!(e instanceof SQLTransientConnectionException)) {
                throw e;
            }
            throw new SQLTransientConnectionException(e.getMessage() + " (" + method + ")", e.getSQLState());
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return wrap(target.getConnection(user, password));
    }

    private Connection wrap(Connection c) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new Handler(c, true));
    }

    private final class Handler implements InvocationHandler {
        private final Object target;
        private final boolean connection;

        Handler(Object target, boolean connection) {
            this.target = target;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.startsWith("execute") || connection && name.equals("commit")) {
                count(name);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (connection && result instanceof Statement s) {
                Class<?> type = s instanceof CallableStatement ? CallableStatement.class
                        : s instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, new Handler(s, false));
            }
            return result;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
