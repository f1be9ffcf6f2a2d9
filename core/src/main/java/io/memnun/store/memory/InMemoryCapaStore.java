package io.memnun.store.memory;

import io.memnun.capa.CapaEvent;
import io.memnun.capa.CapaId;
import io.memnun.capa.CapaNumber;
import io.memnun.capa.CorrectiveAction;
import io.memnun.error.DuplicateKeyException;
import io.memnun.error.NotFoundException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.spi.CapaStore;
import io.memnun.spi.TransactionalOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A thread-safe {@link CapaStore} in memory; one monitor keeps the version check, the history append and the outbox
 * write atomic.
 */
public final class InMemoryCapaStore implements CapaStore, TransactionalOutbox {
    private final Map<TenantId, Map<CapaId, CorrectiveAction>> actions = new HashMap<>();
    /** Per tenant, as the SQL stores key them (tenant, id). */
    private final Map<TenantId, Map<CapaId, List<CapaEvent>>> history = new HashMap<>();
    private final Map<TenantId, Map<CapaNumber, CapaId>> byNumber = new HashMap<>();
    private final InMemoryOutboxStore outbox;

    /** A store with an outbox of its own. */
    public InMemoryCapaStore() {
        this(new InMemoryOutboxStore());
    }

    /**
     * A store that writes the messages about its actions to {@code outbox}: pass the feedback store's
     * ({@code feedbackStore.outbox()}) so that one dispatcher sends both.
     */
    public InMemoryCapaStore(InMemoryOutboxStore outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    @Override
    public InMemoryOutboxStore outbox() {
        return outbox;
    }

    @Override
    public synchronized void save(CorrectiveAction action, long expectedVersion, CapaEvent event, List<Notification> messages) {
        Objects.requireNonNull(action, "action");
        List<Notification> batch = List.copyOf(messages);
        if (!event.capa().equals(action.id()) || event.version() != action.version()) {
            throw new IllegalArgumentException("the event must carry the action's id and new version " + action.version());
        }
        Map<CapaId, CorrectiveAction> t = actions.computeIfAbsent(action.tenant(), k -> new HashMap<>());
        CorrectiveAction current = t.get(action.id());
        if (expectedVersion == 0) {
            if (current != null) {
                throw new DuplicateKeyException("id", action.id().toString());
            }
            if (action.number() != null && byNumber.getOrDefault(action.tenant(), Map.of()).containsKey(action.number())) {
                throw new DuplicateKeyException("number", action.number().toString());
            }
        } else if (current == null) {
            throw new NotFoundException("corrective action " + action.id() + " in tenant " + action.tenant());
        } else if (current.version() != expectedVersion) {
            throw new VersionConflictException(action.id().toString(), expectedVersion, current.version());
        }
        // the outbox stays locked until the action is in: both appear together or not at all
        outbox.beginWrite(batch);
        try {
            if (expectedVersion == 0) {
                history.computeIfAbsent(action.tenant(), k -> new HashMap<>()).put(action.id(), new ArrayList<>());
                if (action.number() != null) {
                    byNumber.computeIfAbsent(action.tenant(), k -> new HashMap<>()).put(action.number(), action.id());
                }
            }
            t.put(action.id(), action);
            history.get(action.tenant()).get(action.id()).add(event);
            outbox.write(batch);
        } finally {
            outbox.endWrite();
        }
    }

    @Override
    public synchronized Optional<CorrectiveAction> findByNumber(TenantId tenant, CapaNumber number) {
        CapaId id = byNumber.getOrDefault(tenant, Map.of()).get(number);
        return id == null ? Optional.empty() : find(tenant, id);
    }

    @Override
    public synchronized Optional<CorrectiveAction> find(TenantId tenant, CapaId id) {
        return Optional.ofNullable(actions.getOrDefault(tenant, Map.of()).get(id));
    }

    @Override
    public synchronized List<CapaEvent> history(TenantId tenant, CapaId id) {
        return find(tenant, id).isEmpty() ? List.of() : List.copyOf(history.get(tenant).get(id));
    }

    @Override
    public synchronized List<CorrectiveAction> open(TenantId tenant) {
        return actions.getOrDefault(tenant, Map.of()).values().stream().filter(CorrectiveAction::isOpen)
                .sorted(Comparator.comparing(CorrectiveAction::openedAt).thenComparing(a -> a.id().value())).toList();
    }

    @Override
    public synchronized List<CorrectiveAction> dueForEscalation(Instant now, int limit) {
        // a linear scan is fine in memory; a database answers from an index on next_escalation_at
        return actions.values().stream().flatMap(m -> m.values().stream())
                .filter(a -> a.nextEscalationAt().map(at -> !at.isAfter(now)).orElse(false))
                .sorted(Comparator.comparing((CorrectiveAction a) -> a.nextEscalationAt().orElseThrow()).thenComparing(a -> a.id().value()))
                .limit(limit).toList();
    }
}
