package io.memnun.routing;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.StaffId;
import io.memnun.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One routing rule: when all its conditions hold for a new feedback, it sends it to a department, optionally
 * chooses an assignee, changes the priority and adds watchers. A rule without conditions holds for everything;
 * as the last rule of a {@link RuleSet} it is the default.
 *
 * @param id the rule's stable id, quoted in every decision it makes ("rule 12")
 * @param label a short description for people ("VIP guests"), quoted with the id
 * @param conditions all must hold; none: the rule always holds
 * @param department where the feedback goes; {@code null} leaves the department unset
 * @param assignee how to choose the person; {@code null} leaves the feedback with the department
 * @param priority how to change the priority; {@code null} keeps it
 * @param watchers staff to keep informed
 */
public record RoutingRule(
        String id,
        @Nullable String label,
        List<Condition> conditions,
        @Nullable DepartmentId department,
        @Nullable AssigneeStrategy assignee,
        @Nullable PriorityChange priority,
        Set<StaffId> watchers) {

    public RoutingRule {
        id = Checks.code(id, "rule.id", 64);
        label = label == null ? null : Checks.code(label, "rule.label", 200);
        conditions = List.copyOf(conditions);
        watchers = Set.copyOf(watchers);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** True for a rule without conditions: it holds for every feedback. */
    public boolean isUnconditional() {
        return conditions.isEmpty();
    }

    /** "rule 12" or "rule 12 (VIP guests)". */
    public String title() {
        return label == null ? "rule " + id : "rule " + id + " (" + label + ")";
    }

    /** Builds a {@link RoutingRule}. */
    public static final class Builder {
        private final String id;
        private @Nullable String label;
        private final List<Condition> conditions = new ArrayList<>();
        private @Nullable DepartmentId department;
        private @Nullable AssigneeStrategy assignee;
        private @Nullable PriorityChange priority;
        private final Set<StaffId> watchers = new LinkedHashSet<>();

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        public Builder label(@Nullable String label) {
            this.label = label;
            return this;
        }

        /** Adds conditions; all of a rule's conditions must hold. */
        public Builder when(Condition... conditions) {
            for (Condition c : conditions) {
                this.conditions.add(Objects.requireNonNull(c, "condition"));
            }
            return this;
        }

        public Builder department(DepartmentId department) {
            this.department = Objects.requireNonNull(department, "department");
            return this;
        }

        public Builder department(String department) {
            return department(DepartmentId.of(department));
        }

        public Builder assign(AssigneeStrategy assignee) {
            this.assignee = Objects.requireNonNull(assignee, "assignee");
            return this;
        }

        public Builder setPriority(Priority priority) {
            this.priority = PriorityChange.setTo(priority);
            return this;
        }

        public Builder raisePriority(int levels) {
            this.priority = PriorityChange.raise(levels);
            return this;
        }

        public Builder watchers(StaffId... watchers) {
            for (StaffId w : watchers) {
                this.watchers.add(Objects.requireNonNull(w, "watcher"));
            }
            return this;
        }

        public RoutingRule build() {
            return new RoutingRule(id, label, conditions, department, assignee, priority, watchers);
        }
    }
}
