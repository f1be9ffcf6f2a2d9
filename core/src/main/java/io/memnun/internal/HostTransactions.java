package io.memnun.internal;

import io.memnun.error.TransactionConflictException;

/**
 * The one failure that memnun never swallows to go on with other work: a {@link TransactionConflictException} in the
 * host's transaction ({@link TransactionConflictException#inHostTransaction()}). The database aborted that transaction
 * (H2 rolled it back at once, PostgreSQL refuses every further statement until it is rolled back), so the work done in
 * it before is lost and the work after would fail or run outside it, while a report or a return value said it was
 * done. A loop over items (the SLA monitor, corrective actions' checkpoints, the dispatcher, the retention run) and a
 * command that goes on past a listener's failure stop there and rethrow it, for the host to roll back and run again. A
 * conflict in a store's own transaction cost only the call that met it, and is handled like any other failure.
 */
public final class HostTransactions {
    private HostTransactions() {}

    /** Rethrows {@code e} if it is a conflict in the host's transaction; returns otherwise. */
    public static void rethrowIfLost(RuntimeException e) {
        if (e instanceof TransactionConflictException conflict && conflict.inHostTransaction()) {
            throw conflict;
        }
    }
}
