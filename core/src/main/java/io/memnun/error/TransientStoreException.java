package io.memnun.error;

/**
 * A store call failed for a reason that passes, so that the same work may succeed when tried again: a lock another
 * transaction held past the lock timeout, a statement cancelled or past its statement timeout, a lost connection to
 * the database, or a conflict with a concurrent transaction ({@link TransactionConflictException}). The call wrote
 * nothing: inside a host's transaction its writes are undone with the transaction (or its savepoint); in a transaction
 * of its own they were rolled back. One exception: when the connection was lost while memnun committed a call of its
 * own, the database may have committed it; a retry then meets the change (a {@link VersionConflictException}, a
 * {@link DuplicateKeyException} on an intake key).
 *
 * <p>Catch it as "retry the whole unit of work": roll back your transaction, if there is one, and run it again from
 * the start, after a pause and a bounded number of times. The message names what could not be done and the kind of
 * failure with the database's SQLState; the driver's exception, whose text may quote stored values, is the cause.
 */
public class TransientStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    public TransientStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
