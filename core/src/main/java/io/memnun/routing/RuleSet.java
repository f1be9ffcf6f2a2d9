package io.memnun.routing;

import io.memnun.error.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's routing rules in order: the first rule whose conditions hold decides, so put the specific rules
 * first and end with a default rule without conditions. {@link Router#validate} checks a rule set against the
 * tenant's catalogue; {@link Router#activate} makes it the tenant's next version.
 *
 * @param rules in order of precedence; ids unique
 */
public record RuleSet(List<RoutingRule> rules) {
    /** The most rules one set may hold. */
    public static final int MAX_RULES = 100_000;

    public RuleSet {
        rules = List.copyOf(rules);
        if (rules.size() > MAX_RULES) {
            throw new ValidationException("rules", rules.size() + " rules, the limit is " + MAX_RULES);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Integer earlier = seen.putIfAbsent(rules.get(i).id(), i);
            if (earlier != null) {
                throw new ValidationException("rules[" + i + "].id", "'" + rules.get(i).id() + "' is also the id of rules[" + earlier + "]");
            }
        }
    }

    public static RuleSet of(RoutingRule... rules) {
        return new RuleSet(List.of(rules));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The default rule: the last rule, if it has no conditions. */
    public Optional<RoutingRule> defaultRule() {
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        RoutingRule last = rules.get(rules.size() - 1);
        return last.isUnconditional() ? Optional.of(last) : Optional.empty();
    }

    public Optional<RoutingRule> rule(String id) {
        Objects.requireNonNull(id, "id");
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public int size() {
        return rules.size();
    }

    /** Collects rules in order. */
    public static final class Builder {
        private final List<RoutingRule> rules = new ArrayList<>();

        private Builder() {}

        public Builder rule(RoutingRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        public Builder rule(RoutingRule.Builder rule) {
            return rule(rule.build());
        }

        public RuleSet build() {
            return new RuleSet(rules);
        }
    }
}
