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

    private final boolean inHostTransaction;

    /**
     * A conflict in a transaction that may be the host's: {@link #inHostTransaction()} is true.
     *
     * <p>True is the safe side for a caller that cannot tell. Taken for one in the host's transaction, a conflict that
     * cost only a store call's own transaction stops a loop early (the next run does the rest) and makes a command
     * whose work was committed throw (a retry finds it done where an intake key or a version guards it, and does it
     * twice where nothing does). Taken for one in a store call's own, a conflict that aborted the host's
     * transaction lets a loop go on in a transaction that is gone: every later item fails, or on H2 runs in a new
     * transaction without the work before it, while the loop reports all of it done.
     *
     * @deprecated say where the call ran: {@link #TransactionConflictException(String, Throwable, boolean)}. A store of
     *     the host's own passes false for a call it ran in a transaction it opened and rolled back itself.
     */
    @Deprecated
    public TransactionConflictException(String message, Throwable cause) {
        this(message, cause, true);
    }

    /**
     * @param inHostTransaction whether the call ran inside the host's transaction, or may have (true), or in a
     *     transaction of the store's own, which it rolled back (false). A store that cannot tell passes true (see
     *     {@link #TransactionConflictException(String, Throwable)} for why)
     */
    public TransactionConflictException(String message, Throwable cause, boolean inHostTransaction) {
        super(message, cause);
        this.inHostTransaction = inHostTransaction;
    }

    /**
     * True when the call ran inside the host's transaction, which must now be rolled back and run again as a whole:
     * what memnun and the host did in it before is lost or will be, and what they do in it after fails or runs
     * outside it. False when the call ran in a transaction of the store's own, which it rolled back: nothing else was
     * lost, and the next call runs in a new transaction. memnun's loops over items (the SLA monitor, corrective
     * actions' reminders, the dispatcher, the retention run, a survey campaign's sending, an IMAP inbox's tick) stop at a conflict of the first kind and treat one of
     * the second like any other failure of that item: logged, tried again next time, the others go on.
     */
    public boolean inHostTransaction() {
        return inHostTransaction;
    }
}
