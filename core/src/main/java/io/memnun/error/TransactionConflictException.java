package io.memnun.error;

/**
 * A concurrent transaction changed, locked or inserted the same rows, so this transaction cannot go on with what it
 * read. Mostly the database says so: a serialization failure (SQLState 40001, at REPEATABLE READ or SERIALIZABLE) or a
 * deadlock (40P01; H2 reports both as 40001, and a concurrent update as 90131). Then it aborted the transaction, and
 * nothing of it can be committed any more: on PostgreSQL it refuses every further statement until it is rolled back,
 * and H2 has rolled it back already, the host's own writes in it included (for its 90131 H2 undoes only the statement,
 * and memnun the rest of its call). memnun leaves the transaction as the database left it: it neither goes on in it
 * nor retries there, since every read in it would see the same outdated snapshot. The desk says so too when a receipt's
 * intake key is taken by a feedback the transaction cannot see (one committed after it began).
 *
 * <p>After H2's 90131 and the desk's intake key conflict the transaction is still open, with the failed call undone
 * but the writes before it (the host's own, a reference number taken) in place: committing it would keep them.
 *
 * <p>Roll back and run the whole transaction again: your statements and memnun's calls, each deciding anew on what
 * is committed then. Unlike a {@link VersionConflictException}, which says that a record changed since the caller read
 * it and leaves the caller's transaction usable, this one names no record: any row the transaction touched may be the
 * one (a reference sequence, an outbox row), and only a new transaction can read them again.
 */
public class TransactionConflictException extends TransientStoreException {
    private static final long serialVersionUID = 1L;

    public TransactionConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
