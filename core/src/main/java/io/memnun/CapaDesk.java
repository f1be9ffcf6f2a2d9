package io.memnun;

import io.memnun.capa.CapaCommand;
import io.memnun.capa.CapaEvent;
import io.memnun.capa.CapaId;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CapaLifecycle;
import io.memnun.capa.CorrectiveAction;
import io.memnun.capa.Origin;
import io.memnun.error.NotFoundException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import io.memnun.internal.TimeOrderedIds;
import io.memnun.spi.CapaListener;
import io.memnun.spi.CapaStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corrective and preventive actions (DÖF) next to a {@link FeedbackDesk}: opens them from feedback, a subject's
 * trend or on their own, applies {@link CapaCommand}s under optimistic locking, and escalates overdue action items
 * with {@link #tick(Instant)}. Shares the desk's clock. Thread-safe.
 *
 * <p>Overdue escalation works like {@link SlaMonitor}: an item that passed its due instant gets one
 * {@code ITEM_OVERDUE} event, its mark saved with the version check, so of two nodes ticking at once one wins, the
 * other reloads and finds nothing left; listeners hear of it (e.g. to tell the owner department).
 */
public final class CapaDesk {
    private static final Logger LOG = LoggerFactory.getLogger(CapaDesk.class);
    private static final int BATCH = 200;
    private static final int MAX_CONFLICTS = 20;

    private final FeedbackDesk desk;
    private final CapaStore store;
    private final List<CapaListener> listeners;

    private CapaDesk(Builder b) {
        this.desk = b.desk;
        this.store = Objects.requireNonNull(b.store, "store");
        this.listeners = List.copyOf(b.listeners);
    }

    public static Builder builder(FeedbackDesk desk) {
        return new Builder(desk);
    }

    /**
     * Opens an action. Feedback named by the origin must exist in the tenant.
     *
     * @throws NotFoundException naming a feedback that does not exist
     */
    public CorrectiveAction open(TenantId tenant, CapaKind kind, String title, String problem, Origin origin, DepartmentId department,
            Actor actor) {
        Objects.requireNonNull(origin, "origin");
        for (FeedbackId f : origin.feedback()) {
            desk.find(tenant, f).orElseThrow(() -> new NotFoundException("feedback " + f + " in tenant " + tenant));
        }
        Instant now = desk.clock().instant();
        CapaLifecycle.Transition t = CapaLifecycle.open(new CapaId(TimeOrderedIds.next(now)), tenant, kind, title, problem, origin, department,
                actor, now);
        store.save(t.after(), 0, t.event());
        publish(t.after(), t.event());
        return t.after();
    }

    /**
     * Applies a command to the current version.
     *
     * @throws io.memnun.capa.IllegalCapaTransitionException if the state does not allow it, naming every reason
     * @throws VersionConflictException if it changed concurrently; nothing was written
     */
    public CorrectiveAction execute(TenantId tenant, CapaId id, CapaCommand command) {
        return apply(get(tenant, id), command);
    }

    /** Applies a command decided on {@code expectedVersion}; refused with a conflict if the action changed since. */
    public CorrectiveAction execute(TenantId tenant, CapaId id, long expectedVersion, CapaCommand command) {
        CorrectiveAction current = get(tenant, id);
        if (current.version() != expectedVersion) {
            throw new VersionConflictException(id.toString(), expectedVersion, current.version());
        }
        return apply(current, command);
    }

    private CorrectiveAction apply(CorrectiveAction current, CapaCommand command) {
        CapaLifecycle.Transition t = CapaLifecycle.apply(current, command, desk.clock().instant());
        store.save(t.after(), current.version(), t.event());
        publish(t.after(), t.event());
        return t.after();
    }

    public Optional<CorrectiveAction> find(TenantId tenant, CapaId id) {
        return store.find(tenant, id);
    }

    public CorrectiveAction get(TenantId tenant, CapaId id) {
        return store.find(tenant, id).orElseThrow(() -> new NotFoundException("corrective action " + id + " in tenant " + tenant));
    }

    public List<CapaEvent> history(TenantId tenant, CapaId id) {
        return store.history(tenant, id);
    }

    public List<CorrectiveAction> openActions(TenantId tenant) {
        return store.open(tenant);
    }

    /** Escalates what is overdue at the desk clock's instant. */
    public int tick() {
        return tick(desk.clock().instant());
    }

    /**
     * Escalates every open action item overdue at {@code now} that was not escalated yet, once each.
     *
     * @return how many items this call escalated
     */
    public int tick(Instant now) {
        Objects.requireNonNull(now, "now");
        int fired = 0;
        while (true) {
            List<CorrectiveAction> due = store.dueForEscalation(now, BATCH);
            int inBatch = 0;
            for (CorrectiveAction a : due) {
                inBatch += escalateAll(a, now);
            }
            fired += inBatch;
            if (due.size() < BATCH || inBatch == 0) {
                return fired;
            }
        }
    }

    private int escalateAll(CorrectiveAction start, Instant now) {
        CorrectiveAction current = start;
        int fired = 0;
        int conflicts = 0;
        while (true) {
            Optional<CapaLifecycle.Transition> t = CapaLifecycle.escalateOverdue(current, now);
            if (t.isEmpty()) {
                return fired;
            }
            try {
                store.save(t.get().after(), current.version(), t.get().event());
            } catch (VersionConflictException e) {
                // another node or a staff command got there first: look again at what is stored now
                if (++conflicts > MAX_CONFLICTS) {
                    LOG.warn("giving up on corrective action {} for now after {} conflicts", current.id(), conflicts);
                    return fired;
                }
                Optional<CorrectiveAction> reloaded = store.find(current.tenant(), current.id());
                if (reloaded.isEmpty()) {
                    return fired;
                }
                current = reloaded.get();
                continue;
            }
            fired++;
            current = t.get().after();
            publish(current, t.get().event());
        }
    }

    private void publish(CorrectiveAction a, CapaEvent e) {
        for (CapaListener l : listeners) {
            try {
                l.onEvent(a, e);
            } catch (RuntimeException ex) {
                LOG.warn("listener {} failed on {} of corrective action {}", l, e.type(), a.id(), ex);
            }
        }
    }

    /** Wires a CAPA desk; a store is required. */
    public static final class Builder {
        private final FeedbackDesk desk;
        private @Nullable CapaStore store;
        private final List<CapaListener> listeners = new ArrayList<>();

        private Builder(FeedbackDesk desk) {
            this.desk = Objects.requireNonNull(desk, "desk");
        }

        public Builder store(CapaStore capaStore) {
            this.store = Objects.requireNonNull(capaStore, "store");
            return this;
        }

        public Builder listener(CapaListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public CapaDesk build() {
            Checks.argument(store != null, "store", "is required");
            return new CapaDesk(this);
        }
    }
}
