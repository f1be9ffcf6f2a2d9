package io.memnun.routing;

import io.memnun.feedback.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A rule set as activated for a tenant: the {@code version} numbers a tenant's activations 1, 2, 3, ...; every
 * {@link RoutingDecision} carries the version that made it, so a decision can be explained after the rules
 * changed.
 */
public record ActiveRuleSet(TenantId tenant, long version, RuleSet rules, Instant activatedAt) {
    public ActiveRuleSet {
        Objects.requireNonNull(tenant, "tenant");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive: " + version);
        }
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(activatedAt, "activatedAt");
    }
}
