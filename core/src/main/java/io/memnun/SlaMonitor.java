package io.memnun;

import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.Lifecycle;
import io.memnun.internal.DuePass;
import io.memnun.spi.FeedbackChange;
import io.memnun.spi.FeedbackStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires SLA checkpoints that have fallen due: warnings, breaches and escalation levels, each once, as history
 * events ({@code SLA_WARNING}, {@code SLA_BREACHED}, {@code SLA_ESCALATED}) that listeners and notifications
 * act on. It asks the store only for feedback whose next checkpoint is due, never for all open feedback.
 *
 * <p>Idempotent and safe to run on several nodes at once: a fired checkpoint is marked on the feedback and saved
 * with the version check, so of two monitors firing the same checkpoint one wins and the other sees a conflict,
 * reloads, and finds nothing left to fire. A second run at the same instant fires nothing.
 *
 * <p>A tick tries every due feedback once. One whose change the store refuses stays due and is tried again on the next
 * tick; however many of them are due first, the feedback due after them is still worked through (up to
 * 2,000 refused in one tick, after which the rest waits for the next). A {@link
 * io.memnun.error.TransactionConflictException} is such a refusal when it cost only the store's own transaction; one
 * in the host's transaction ({@link io.memnun.error.TransactionConflictException#inHostTransaction()}) ends the tick
 * and is thrown: the database aborted the transaction, with every checkpoint fired in it before, so roll back and
 * tick again.
 *
 * <p>The monitor also fires the checkpoints of every {@link CapaDesk} built on the same desk: reminders before an
 * action item falls due and the escalation of overdue items ({@link CapaDesk#tick(Instant)}), with the same guarantees.
 *
 * <p>Nothing runs by itself: call {@link #tick(Instant)} from the host's scheduler, or {@link #start} a
 * single-threaded executor and {@link #close()} it on shutdown.
 */
public final class SlaMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlaMonitor.class);
    private static final int BATCH = 200;
    private static final int MAX_CONFLICTS_PER_FEEDBACK = 20;
    /** Feedback that could not be saved in one tick past which the tick stops querying for more. */
    private static final int MAX_STUCK_PER_TICK = 10 * BATCH;

    private final FeedbackDesk desk;
    private final DuePass<Feedback> pass = new DuePass<>(BATCH, MAX_STUCK_PER_TICK, LOG);
    private final io.memnun.internal.Periodic periodic = new io.memnun.internal.Periodic("memnun-sla-monitor", this::tick);

    SlaMonitor(FeedbackDesk desk) {
        this.desk = Objects.requireNonNull(desk, "desk");
    }

    /** Fires what is due at the desk clock's current instant. */
    public int tick() {
        return tick(desk.clock().instant());
    }

    /**
     * Fires every checkpoint due at {@code now}.
     *
     * @return how many checkpoints this call fired
     * @throws io.memnun.error.TransactionConflictException if one met in the host's transaction: the tick stops there
     */
    public int tick(Instant now) {
        Objects.requireNonNull(now, "now");
        FeedbackStore store = desk.store();
        int fired = pass.run(limit -> store.dueForSlaCheck(now, limit), Feedback::id, f -> f.reference().toString(),
                f -> fireAll(store, f, now));
        for (java.util.function.ToIntFunction<Instant> other : desk.monitored()) {
            try {
                fired += other.applyAsInt(now);
            } catch (RuntimeException e) {
                io.memnun.internal.HostTransactions.rethrowIfLost(e);
                // the next tick tries again; feedback checkpoints are not held up by it
                LOG.warn("firing the checkpoints of {} failed", other, e);
            }
        }
        return fired;
    }

    private DuePass.Outcome fireAll(FeedbackStore store, Feedback start, Instant now) {
        Lifecycle lifecycle = desk.lifecycle();
        Feedback current = start;
        int fired = 0;
        int conflicts = 0;
        while (true) {
            Optional<Lifecycle.Transition> t = lifecycle.fireDueCheckpoint(current, now);
            if (t.isEmpty()) {
                return new DuePass.Outcome(fired, true);
            }
            List<io.memnun.feedback.FeedbackEvent> recorded;
            try {
                recorded = desk.save(FeedbackChange.update(t.get().after(), current.version(), t.get().event()));
            } catch (VersionConflictException e) {
                // another monitor or a staff command got there first: look again at what is stored now
                if (++conflicts > MAX_CONFLICTS_PER_FEEDBACK) {
                    LOG.warn("giving up on {} for now after {} conflicts", current.reference(), conflicts);
                    return new DuePass.Outcome(fired, false);
                }
                Optional<Feedback> reloaded = store.find(current.tenant(), current.id());
                if (reloaded.isEmpty()) {
                    return new DuePass.Outcome(fired, true);
                }
                current = reloaded.get();
                continue;
            }
            fired++;
            current = t.get().after();
            desk.publish(current, recorded);
        }
    }

    /** Runs {@link #tick()} every {@code interval} on a daemon thread of its own until {@link #close()}. */
    public SlaMonitor start(Duration interval) {
        periodic.start(interval);
        return this;
    }

    /** Runs {@link #tick()} every {@code interval} on the host's executor until {@link #close()}. */
    public SlaMonitor start(ScheduledExecutorService executor, Duration interval) {
        periodic.start(executor, interval);
        return this;
    }

    /** Stops a started monitor; a monitor driven by {@link #tick} needs no closing. */
    @Override
    public void close() {
        periodic.stop();
    }
}
