package io.memnun.routing;

import io.memnun.feedback.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the {@link Router} keeps each tenant's rule set versions. Every {@code io.memnun.spi.RuleSetStore} is one;
 * the interface lives here so that routing does not depend on the SPI package.
 */
public interface RuleSetRepository {

    /** The tenant's current rule set; empty before the first activation. */
    Optional<ActiveRuleSet> active(TenantId tenant);

    /**
     * Stores {@code rules} as version {@code expectedVersion + 1} and makes it current, if the current version is
     * still {@code expectedVersion} (0 before the first activation). Earlier versions stay readable.
     *
     * @throws io.memnun.error.VersionConflictException if another version was activated meanwhile
     */
    ActiveRuleSet activate(TenantId tenant, RuleSet rules, long expectedVersion, Instant activatedAt);
}
