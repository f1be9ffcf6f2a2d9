package io.memnun.storage.jdbc.internal;

import io.memnun.error.StoreException;
import io.memnun.error.TransactionConflictException;
import io.memnun.error.TransientStoreException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What kind of failure a driver's exception reports, told by its SQLState (where H2 and PostgreSQL differ, by either's),
 * and the exception a host gets for it. The message says what could not be done, the kind and the SQLState, never the
 * driver's text: that may quote a stored value (PostgreSQL's "Key (...)=(...) already exists", "Failing row contains
 * (...)", H2's "Value too long ...: '...'"), and messages end up in logs. The driver's exception is the cause.
 */
public enum SqlFailure {
    /**
     * A concurrent transaction changed the rows since this one's snapshot: PostgreSQL's serialization failure (40001)
     * at REPEATABLE READ or SERIALIZABLE; H2 reports that, and its deadlocks, as 40001 too, and rolls back the whole
     * transaction.
     */
    SERIALIZATION_FAILURE("a concurrent transaction changed or locked the same rows", true, true),
    /** PostgreSQL's deadlock (40P01). */
    DEADLOCK("deadlock with a concurrent transaction", true, true),
    /** H2's concurrent update (90131): like a serialization failure, but H2 undid only the statement. */
    CONCURRENT_UPDATE("a concurrent transaction changed the same rows", true, false),
    /** A lock another transaction held past the lock timeout: PostgreSQL 55P03, H2 HYT00 (error 50200). */
    LOCK_TIMEOUT("lock timeout: a concurrent transaction held a lock the call waited for", false, false),
    /** A statement cancelled, by a statement timeout or a cancel request (57014 on both). */
    STATEMENT_CANCELLED("the statement was cancelled (statement timeout or cancel request)", false, false),
    /**
     * The connection to the database failed or was closed by the server: SQLState class 08, PostgreSQL's 57P01-57P03
     * (the server shutting down or starting), H2's broken connection (90067) and closed database (90098, 90121).
     */
    CONNECTION("the connection to the database failed", false, false),
    /** A unique or primary key violation (23505 on both); the stores name the key with a {@code DuplicateKeyException}. */
    UNIQUE_VIOLATION("a unique key is taken", false, false),
    /** PostgreSQL's refusal of any statement in a transaction an earlier failure aborted (25P02). */
    TRANSACTION_ABORTED("the transaction was aborted by an earlier failure and must be rolled back", false, false),
    /** Anything else: a bug, a schema that is not memnun's, a full disk. */
    OTHER("database error", false, false);

    private static final Set<String> CONNECTION_STATES = Set.of("57P01", "57P02", "57P03", "90067", "90098", "90121");

    private final String description;
    private final boolean conflict;
    private final boolean abortsTransaction;

    SqlFailure(String description, boolean conflict, boolean abortsTransaction) {
        this.description = description;
        this.conflict = conflict;
        this.abortsTransaction = abortsTransaction;
    }

    /**
     * True when the database aborted the whole transaction: PostgreSQL refuses every further statement of it (a
     * savepoint would let it go on, on a snapshot that can only conflict again), and H2 rolled it back already.
     */
    public boolean abortsTransaction() {
        return abortsTransaction;
    }

    /** The kind of {@code e}: of the first exception in its chain of causes (and of next exceptions) that has one. */
    public static SqlFailure of(Throwable e) {
        SQLException told = telling(e);
        return told == null ? OTHER : ofOne(told);
    }

    /** The first exception in {@code e}'s chain of causes, and of each one's next exceptions, that tells a kind. */
    private static @Nullable SQLException telling(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
            int n = 0;
            for (SQLException s = t instanceof SQLException first ? first : null; s != null && n < 16; s = s.getNextException(), n++) {
                if (ofOne(s) != OTHER) {
                    return s;
                }
            }
        }
        return null;
    }

    private static SqlFailure ofOne(SQLException s) {
        String state = s.getSQLState();
        if (state != null) {
            switch (state) {
                case "40001":
                    return SERIALIZATION_FAILURE;
                case "90131":
                    return CONCURRENT_UPDATE;
                case "40P01":
                    return DEADLOCK;
                case "55P03", "HYT00":
                    return LOCK_TIMEOUT;
                case "57014":
                    return STATEMENT_CANCELLED;
                case "23505":
                    return UNIQUE_VIOLATION;
                case "25P02":
                    return TRANSACTION_ABORTED;
                default:
                    if (state.startsWith("08") || CONNECTION_STATES.contains(state)) {
                        return CONNECTION;
                    }
            }
        }
        // drivers and pools that give no state (or their own) still say so by the exception's class
        if (s instanceof SQLTransientConnectionException || s instanceof SQLNonTransientConnectionException
                || s instanceof SQLRecoverableException) {
            return CONNECTION;
        }
        if (s instanceof SQLTimeoutException) {
            return STATEMENT_CANCELLED;
        }
        return OTHER;
    }

    /** True for the failures a retry of the whole unit of work may get past. */
    public boolean transientFailure() {
        return switch (this) {
            case SERIALIZATION_FAILURE, DEADLOCK, CONCURRENT_UPDATE, LOCK_TIMEOUT, STATEMENT_CANCELLED, CONNECTION -> true;
            default -> false;
        };
    }

    /**
     * The exception for {@code cause} of this kind: a {@link TransactionConflictException}, a
     * {@link TransientStoreException} or a plain {@link StoreException}, saying "could not {@code what}".
     *
     * @param inHostTransaction whether the call ran in the host's transaction, which a conflict then cost (see
     *     {@link TransactionConflictException#inHostTransaction()}), or in one of its own
     */
    public StoreException exception(String what, SQLException cause, boolean inHostTransaction) {
        String message = "could not " + what + ": " + description + stateOf(cause);
        if (conflict) {
            return new TransactionConflictException(message, cause, inHostTransaction);
        }
        if (transientFailure()) {
            return new TransientStoreException(message, cause);
        }
        return new StoreException(message, cause);
    }

    /** " (SQLState x)" of the exception in {@code e}'s chains that tells this kind, or else of {@code e}'s first that has a state. */
    private String stateOf(SQLException e) {
        SQLException told = telling(e);
        if (told != null && ofOne(told) == this && told.getSQLState() != null) {
            return " (SQLState " + told.getSQLState() + ")";
        }
        int depth = 0;
        for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return " (SQLState " + s.getSQLState() + ")";
            }
        }
        return "";
    }
}
