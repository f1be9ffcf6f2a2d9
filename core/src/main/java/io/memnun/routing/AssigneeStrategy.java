package io.memnun.routing;

import io.memnun.feedback.StaffId;
import io.memnun.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a rule chooses the person a feedback is assigned to. Round robin and least load choose among the active
 * staff of the rule's department (with the role, if one is named), ordered by id, and pass over anyone at their
 * {@link Staff#maxOpenLoad() open-load limit}.
 */
public sealed interface AssigneeStrategy {

    /** Always this person, if active; their load limit is not checked, naming them is a deliberate choice. */
    record Fixed(StaffId staff) implements AssigneeStrategy {
        public Fixed {
            Objects.requireNonNull(staff, "staff");
        }
    }

    /** Each in turn. */
    record RoundRobin(@Nullable String role) implements AssigneeStrategy {
        public RoundRobin {
            role = role == null ? null : Checks.code(role, "role", 64);
        }
    }

    /**
     * Whoever has the fewest open feedback assigned now; ties go round in turn, so that when feedback is closed as
     * fast as it comes nobody gets all of it.
     */
    record LeastLoad(@Nullable String role) implements AssigneeStrategy {
        public LeastLoad {
            role = role == null ? null : Checks.code(role, "role", 64);
        }
    }

    static AssigneeStrategy fixed(StaffId staff) {
        return new Fixed(staff);
    }

    static AssigneeStrategy roundRobin() {
        return new RoundRobin(null);
    }

    static AssigneeStrategy roundRobin(String role) {
        return new RoundRobin(Objects.requireNonNull(role, "role"));
    }

    static AssigneeStrategy leastLoad() {
        return new LeastLoad(null);
    }

    static AssigneeStrategy leastLoad(String role) {
        return new LeastLoad(Objects.requireNonNull(role, "role"));
    }

    /** The role the strategy requires, or {@code null}. */
    default @Nullable String role() {
        return null;
    }
}
