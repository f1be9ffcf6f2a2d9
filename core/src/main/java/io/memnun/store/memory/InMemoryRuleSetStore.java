package io.memnun.store.memory;

import io.memnun.error.VersionConflictException;
import io.memnun.feedback.TenantId;
import io.memnun.routing.ActiveRuleSet;
import io.memnun.routing.RuleSet;
import io.memnun.spi.RuleSetStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe {@link RuleSetStore} in memory. */
public final class InMemoryRuleSetStore implements RuleSetStore {
    private final Map<TenantId, List<ActiveRuleSet>> versions = new ConcurrentHashMap<>();

    @Override
    public Optional<ActiveRuleSet> active(TenantId tenant) {
        List<ActiveRuleSet> list = versions.get(Objects.requireNonNull(tenant, "tenant"));
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }

    @Override
    public ActiveRuleSet activate(TenantId tenant, RuleSet rules, long expectedVersion, Instant activatedAt) {
        Objects.requireNonNull(tenant, "tenant");
        ActiveRuleSet[] stored = new ActiveRuleSet[1];
        versions.compute(tenant, (t, list) -> {
            long current = list == null ? 0 : list.size();
            if (current != expectedVersion) {
                throw new VersionConflictException("rule set of tenant " + t, expectedVersion, current);
            }
            // a new list each time: readers hold the old one without locking
            List<ActiveRuleSet> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
            stored[0] = new ActiveRuleSet(t, current + 1, rules, activatedAt);
            next.add(stored[0]);
            return List.copyOf(next);
        });
        return stored[0];
    }

    @Override
    public Optional<ActiveRuleSet> find(TenantId tenant, long version) {
        List<ActiveRuleSet> list = versions.get(Objects.requireNonNull(tenant, "tenant"));
        return list == null || version < 1 || version > list.size() ? Optional.empty() : Optional.of(list.get((int) version - 1));
    }
}
