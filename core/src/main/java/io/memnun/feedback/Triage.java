package io.memnun.feedback;

import io.memnun.internal.Checks;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the desk decided about a feedback on receipt beyond its intake: the routing rule that placed it, the
 * watchers it added, and an earlier feedback it may duplicate. Recorded on the feedback and in its RECEIVED event.
 *
 * @param watchers staff to keep informed
 * @param routingRule the id of the routing rule that fired, if a router routed it
 * @param routingVersion the version of the rule set that rule belongs to
 * @param routingReason why it was routed so, for people; the RECEIVED event's note
 * @param possibleDuplicateOf an earlier feedback from the same customer on the same subject
 */
public record Triage(
        Set<StaffId> watchers,
        @Nullable String routingRule,
        @Nullable Long routingVersion,
        @Nullable String routingReason,
        @Nullable FeedbackId possibleDuplicateOf) {

    /** Nothing decided beyond the intake. */
    public static final Triage NONE = new Triage(Set.of(), null, null, null, null);

    public Triage {
        watchers = Set.copyOf(watchers);
        routingRule = routingRule == null ? null : Checks.code(routingRule, "routingRule", 64);
        routingReason = Checks.optionalText(routingReason, "routingReason", Command.MAX_TEXT);
        Checks.argument((routingRule == null) == (routingVersion == null), "routingVersion",
                "is given exactly when a routing rule is");
    }

    public boolean isNone() {
        return equals(NONE);
    }

    public Triage withPossibleDuplicateOf(@Nullable FeedbackId original) {
        return new Triage(watchers, routingRule, routingVersion, routingReason, original);
    }
}
