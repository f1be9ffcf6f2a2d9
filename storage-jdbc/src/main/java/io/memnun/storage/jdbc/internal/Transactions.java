package io.memnun.storage.jdbc.internal;

import io.memnun.error.MemnunException;
import io.memnun.error.StoreException;
import io.memnun.storage.jdbc.ConnectionProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Runs store calls on a connection: by default one transaction per call on a connection from the host's data
 * source, committed and given back at the end; inside a host transaction (a connection bound with
 * {@link #withConnection} or a {@link ConnectionProvider}) on the host's connection, which is never committed or
 * closed here. There a failed call rolls back to a savepoint taken at its start, so the host's transaction stays
 * usable (PostgreSQL would otherwise refuse every further statement of it, after a failed read too) and holds none of
 * the call's writes; but not when the database aborted the transaction (a serialization failure, a deadlock:
 * {@link SqlFailure#abortsTransaction()}), which the host must roll back and run again.
 */
public final class Transactions {
    private final DataSource dataSource;
    private final @Nullable ConnectionProvider provider;
    private final ThreadLocal<@Nullable Connection> bound = new ThreadLocal<>();
    /**
     * Whether a failed statement leaves the whole transaction unusable (PostgreSQL), so that a read in a host's
     * transaction takes a savepoint too; on H2 a failed statement undoes only itself.
     */
    private final boolean failureAbortsTransaction;

    /** The body of a store call. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public Transactions(DataSource dataSource, @Nullable ConnectionProvider provider) {
        this(dataSource, provider, true);
    }

    /**
     * @param failureAbortsTransaction whether a failed statement leaves the transaction unusable, as on PostgreSQL:
     *     then reads in a host's transaction are guarded by a savepoint like writes
     */
    public Transactions(DataSource dataSource, @Nullable ConnectionProvider provider, boolean failureAbortsTransaction) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.provider = provider;
        this.failureAbortsTransaction = failureAbortsTransaction;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} with every store call on this thread joining {@code connection}'s transaction. */
    public <T> T withConnection(Connection connection, Supplier<T> work) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(work, "work");
        Connection previous = bound.get();
        bound.set(connection);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                bound.remove();
            } else {
                bound.set(previous);
            }
        }
    }

    /**
     * True when store calls on this thread run inside the host's transaction, whose writes (and so what is read
     * there) may still be rolled back.
     */
    public boolean inHostTransaction() {
        return bound.get() != null || provider != null;
    }

    /** How a store call uses its connection. */
    private enum Mode {
        /** Reads only: no transaction of its own. */
        READ,
        /** Several statements that must all happen or none: one transaction. */
        WRITE,
        /**
         * Writes in exactly one statement, which the database runs atomically on its own: in auto-commit mode it
         * needs no BEGIN and no COMMIT, one round trip instead of three.
         */
        STATEMENT
    }

    /** Runs {@code work} as one transaction: all of its writes or none. */
    public <T> T write(String what, Work<T> work) {
        return run(what, work, Mode.WRITE);
    }

    /**
     * Runs {@code work}, which writes with a single statement (and may read before it): atomic without a
     * transaction of its own. Inside a host's transaction it is guarded by a savepoint like {@link #write}.
     */
    public <T> T statement(String what, Work<T> work) {
        return run(what, work, Mode.STATEMENT);
    }

    /** Runs a read; on the host's connection when there is a host transaction, so it sees the host's writes. */
    public <T> T read(String what, Work<T> work) {
        return run(what, work, Mode.READ);
    }

    private <T> T run(String what, Work<T> work, Mode mode) {
        Connection host = bound.get();
        if (host != null) {
            return inHostTransaction(host, what, work, mode != Mode.READ || failureAbortsTransaction);
        }
        if (provider != null) {
            Connection c;
            try {
                c = provider.get();
            } catch (SQLException e) {
                throw SqlFailure.of(e).exception("get the host's connection to " + what, e, true);
            }
            try {
                return inHostTransaction(c, what, work, mode != Mode.READ || failureAbortsTransaction);
            } finally {
                try {
                    provider.release(c);
                } catch (SQLException e) {
                    // the call's outcome stands; a failed release is the provider's problem to log
                }
            }
        }
        return inOwnTransaction(what, work, mode == Mode.WRITE);
    }

    private static <T> T inHostTransaction(Connection c, String what, Work<T> work, boolean guarded) {
        Savepoint savepoint = null;
        try {
            if (c.getAutoCommit()) {
                throw new IllegalStateException("the host's connection is in auto-commit mode: call setAutoCommit(false) to"
                        + " run memnun inside the host's transaction");
            }
            if (guarded) {
                savepoint = c.setSavepoint();
            }
            T result = work.run(c);
            if (savepoint != null) {
                c.releaseSavepoint(savepoint);
            }
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            SqlFailure kind = kindOf(e, c);
            // a transaction the database aborted is the host's to roll back and run again: going on in it from the
            // savepoint would read the same outdated snapshot, and would let the host commit its own writes without
            // memnun's (H2 rolled it back whole already)
            if (savepoint != null && !kind.abortsTransaction()) {
                try {
                    c.rollback(savepoint);
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
            }
            throw translate(what, e, kind, true);
        }
    }

    private <T> T inOwnTransaction(String what, Work<T> work, boolean write) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (write && autoCommit) {
                c.setAutoCommit(false);
            }
            // a read on a pool that hands out connections outside auto-commit ends its transaction too
            boolean inTransaction = write || !autoCommit;
            try {
                T result = work.run(c);
                if (inTransaction) {
                    c.commit();
                }
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                if (inTransaction) {
                    try {
                        c.rollback();
                    } catch (SQLException r) {
                        e.addSuppressed(r);
                    }
                }
                // told while the connection is open, so that one the server closed says so
                throw translate(what, e, kindOf(e, c), false);
            } finally {
                if (write && autoCommit) {
                    restoreAutoCommit(c);
                }
            }
        } catch (SQLException | RuntimeException | Error e) {
            throw translate(what, e, SqlFailure.of(e), false);
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // a broken connection: the pool discards it when it is closed, and the call's own outcome stands
        }
    }

    /**
     * The kind of {@code e}, a failure on {@code c}: one the driver gives no state for (a pool's "connection is closed")
     * counts as a lost connection when {@code c} is closed by then.
     */
    private static SqlFailure kindOf(Throwable e, Connection c) {
        SqlFailure kind = SqlFailure.of(e);
        if (kind == SqlFailure.OTHER && e instanceof SQLException) {
            try {
                return c.isClosed() ? SqlFailure.CONNECTION : kind;
            } catch (SQLException unknown) {
                return kind;
            }
        }
        return kind;
    }

    /**
     * What the caller gets for {@code e}: memnun's own exceptions as they are; a driver's as the {@link StoreException}
     * of its {@code kind}, whose message never quotes the driver's text (see {@link SqlFailure}), and which says whether
     * the call ran in the host's transaction.
     */
    private static RuntimeException translate(String what, Throwable e, SqlFailure kind, boolean inHostTransaction) {
        if (e instanceof MemnunException m) {
            return m;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e instanceof SQLException s) {
            return kind.exception(what, s, inHostTransaction);
        }
        return (RuntimeException) e;
    }
}
