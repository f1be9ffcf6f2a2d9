package io.memnun.internal;

import io.memnun.error.TransactionConflictException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.Logger;

/**
 * One pass over what a store lists as due (earliest first, at most a limit, without a cursor), trying each item once:
 * the SLA monitor's pass over feedback and the corrective actions' pass over action items.
 *
 * <p>An item that could not be settled (its save failed, or it gave up on conflicts) stays due and is listed first
 * again, so each query asks for as many more as are stuck and skips what was tried: a batch of such items neither
 * hides the items due after them nor stops the pass. An exception from one item is logged and the pass goes on; the
 * item is tried again on the next pass. Past {@code maxStuck} stuck items the pass ends, since each query reads them
 * again. The exception is a {@link TransactionConflictException} in the host's transaction, which ends the pass: see
 * {@link HostTransactions}.
 */
public final class DuePass<T> {
    /** What working on one item gave: checkpoints fired, and whether none of it is left due. */
    public record Outcome(int fired, boolean settled) {}

    /** Works on one item. */
    @FunctionalInterface
    public interface Work<T> {
        Outcome on(T item);
    }

    private final int batch;
    private final int maxStuck;
    private final Logger log;

    /**
     * @param batch how many items a query asks for beyond the stuck ones
     * @param maxStuck how many stuck items end a pass
     * @param log where a failing item is reported
     */
    public DuePass(int batch, int maxStuck, Logger log) {
        Checks.argument(batch > 0, "batch", "must be positive, was " + batch);
        Checks.argument(maxStuck > 0, "maxStuck", "must be positive, was " + maxStuck);
        this.batch = batch;
        this.maxStuck = maxStuck;
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Runs one pass.
     *
     * @param due the store's due items, earliest first, at most the given number
     * @param key what tells items apart
     * @param name how an item is named in the log
     * @return how many checkpoints the pass fired
     * @throws TransactionConflictException if one met in the host's transaction: the pass stops there
     */
    public <K> int run(IntFunction<List<T>> due, Function<T, K> key, Function<T, String> name, Work<T> work) {
        Set<K> tried = new HashSet<>();
        int fired = 0;
        int stuck = 0;
        while (true) {
            int limit = batch + stuck;
            List<T> listed = due.apply(limit);
            int triedNow = 0;
            for (T item : listed) {
                if (!tried.add(key.apply(item))) {
                    continue;
                }
                triedNow++;
                try {
                    Outcome outcome = work.on(item);
                    fired += outcome.fired();
                    stuck += outcome.settled() ? 0 : 1;
                } catch (RuntimeException e) {
                    HostTransactions.rethrowIfLost(e);
                    // one item whose change the store refuses must not hold up every other item's checkpoints
                    log.error("the checkpoints of {} could not be saved; the others go on", name.apply(item), e);
                    stuck++;
                }
            }
            if (listed.size() < limit || triedNow == 0) {
                return fired;
            }
            if (stuck >= maxStuck) {
                log.error("{} items due could not be saved in this pass; the rest waits for the next", stuck);
                return fired;
            }
        }
    }
}
