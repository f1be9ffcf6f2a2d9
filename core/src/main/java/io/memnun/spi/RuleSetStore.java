package io.memnun.spi;

import io.memnun.feedback.TenantId;
import io.memnun.routing.ActiveRuleSet;
import io.memnun.routing.RuleSetRepository;
import java.util.Optional;

/**
 * Where each tenant's routing rule set versions live. Activation is a compare-and-set on the version, so two
 * administrators activating at once cannot both become version 5. Every version stays readable: a decision's
 * {@code ruleSetVersion} can always be looked up. Implementations must be thread-safe.
 */
public interface RuleSetStore extends RuleSetRepository {

    /** One version of the tenant's rule set, current or earlier. */
    Optional<ActiveRuleSet> find(TenantId tenant, long version);
}
