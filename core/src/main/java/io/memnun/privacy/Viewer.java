package io.memnun.privacy;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.StaffId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A member of staff as the access check sees them: who they are, the departments they work in, and their roles. A
 * host maps its own users onto this (from its login, its directory, its groups) and passes it with every read and
 * staff command it makes on their behalf.
 *
 * @param staff who
 * @param departments the departments whose feedback they may see and work on
 * @param roles wider rights
 */
public record Viewer(StaffId staff, Set<DepartmentId> departments, Set<Role> roles) {
    public enum Role {
        /** Sees and works on the feedback of their own departments: what every member of staff has. */
        DEPARTMENT,
        /** Sees and works on the feedback of every department, and feedback not yet routed (a supervisor, the quality team). */
        ALL_DEPARTMENTS,
        /** Sees every feedback to answer access and erasure requests, but cannot change any. */
        PRIVACY_OFFICER
    }

    public Viewer {
        Objects.requireNonNull(staff, "staff");
        departments = Set.copyOf(departments);
        roles = roles.isEmpty() ? Set.of(Role.DEPARTMENT) : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** A member of staff of {@code departments}. */
    public static Viewer ofDepartments(StaffId staff, DepartmentId... departments) {
        return new Viewer(staff, Set.of(departments), Set.of(Role.DEPARTMENT));
    }

    /** A member of staff who sees every department. */
    public static Viewer allDepartments(StaffId staff) {
        return new Viewer(staff, Set.of(), Set.of(Role.ALL_DEPARTMENTS));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
