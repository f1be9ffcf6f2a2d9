package io.memnun.store.memory;

import io.memnun.capa.CapaEvent;
import io.memnun.capa.CapaId;
import io.memnun.capa.CorrectiveAction;
import io.memnun.error.DuplicateKeyException;
import io.memnun.error.NotFoundException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.TenantId;
import io.memnun.spi.CapaStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A thread-safe {@link CapaStore} in memory; one monitor keeps the version check and the history append atomic. */
public final class InMemoryCapaStore implements CapaStore {
    private final Map<TenantId, Map<CapaId, CorrectiveAction>> actions = new HashMap<>();
    private final Map<CapaId, List<CapaEvent>> history = new HashMap<>();

    @Override
    public synchronized void save(CorrectiveAction action, long expectedVersion, CapaEvent event) {
        Objects.requireNonNull(action, "action");
        if (!event.capa().equals(action.id()) || event.version() != action.version()) {
            throw new IllegalArgumentException("the event must carry the action's id and new version " + action.version());
        }
        Map<CapaId, CorrectiveAction> t = actions.computeIfAbsent(action.tenant(), k -> new HashMap<>());
        CorrectiveAction current = t.get(action.id());
        if (expectedVersion == 0) {
            if (current != null || history.containsKey(action.id())) {
                throw new DuplicateKeyException("id", action.id().toString());
            }
            history.put(action.id(), new ArrayList<>());
        } else if (current == null) {
            throw new NotFoundException("corrective action " + action.id() + " in tenant " + action.tenant());
        } else if (current.version() != expectedVersion) {
            throw new VersionConflictException(action.id().toString(), expectedVersion, current.version());
        }
        t.put(action.id(), action);
        history.get(action.id()).add(event);
    }

    @Override
    public synchronized Optional<CorrectiveAction> find(TenantId tenant, CapaId id) {
        return Optional.ofNullable(actions.getOrDefault(tenant, Map.of()).get(id));
    }

    @Override
    public synchronized List<CapaEvent> history(TenantId tenant, CapaId id) {
        return find(tenant, id).isEmpty() ? List.of() : List.copyOf(history.get(id));
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
