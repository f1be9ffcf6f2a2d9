package io.memnun.routing;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.StaffId;
import io.memnun.internal.Checks;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link Router} decided for one feedback, and why.
 *
 * @param ruleId the rule that fired
 * @param ruleSetVersion the version of the tenant's rule set it belongs to
 * @param department where the feedback goes; {@code null} when the rule names none (or only inactive ones)
 * @param assignee who gets it; {@code null} when the rule chooses nobody or nobody was eligible
 * @param priority the priority after the rule's change
 * @param watchers active staff to keep informed
 * @param reason for people, e.g. {@code routed to Housekeeping by rule 12: subject Room cleanliness is under
 *     Housekeeping; assigned to Ayşe Yılmaz by round robin}
 */
public record RoutingDecision(
        String ruleId,
        long ruleSetVersion,
        @Nullable DepartmentId department,
        @Nullable StaffId assignee,
        Priority priority,
        Set<StaffId> watchers,
        String reason) {

    public RoutingDecision {
        Checks.code(ruleId, "ruleId", 64);
        Checks.argument(ruleSetVersion > 0, "ruleSetVersion", "must be positive, was " + ruleSetVersion);
        Objects.requireNonNull(priority, "priority");
        watchers = Set.copyOf(watchers);
        reason = Checks.text(reason, "reason", 4000);
    }

    public Optional<DepartmentId> departmentId() {
        return Optional.ofNullable(department);
    }

    public Optional<StaffId> assigneeId() {
        return Optional.ofNullable(assignee);
    }
}
