package io.memnun.spi;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Contact;
import java.util.List;
import java.util.Optional;

/**
 * Where staff addresses come from: the host's user directory, HR system or routing catalogue. Only
 * {@link #staff} must be implemented; the other lookups default to nobody, and a rule whose party finds nobody
 * records that on the event instead of failing.
 */
@FunctionalInterface
public interface RecipientDirectory {
    /** Knows nobody. */
    RecipientDirectory NONE = (tenant, staff) -> Optional.empty();

    /** How to reach one staff member. */
    Optional<Contact> staff(TenantId tenant, StaffId staff);

    /** The department's own addresses (a shared mailbox, a duty phone), told of new feedback. */
    default List<Contact> department(TenantId tenant, DepartmentId department) {
        return List.of();
    }

    /** The head(s) of a department, for reviews, breaches and escalations. */
    default List<Contact> departmentHeads(TenantId tenant, DepartmentId department) {
        return List.of();
    }

    /** Everyone holding a role, e.g. {@code quality-manager}. */
    default List<Contact> role(TenantId tenant, String role) {
        return List.of();
    }

    /** The staff watching a feedback: by default its {@link Feedback#watchers()} as the directory knows them. */
    default List<Contact> watchers(Feedback feedback) {
        return feedback.watchers().stream().map(w -> staff(feedback.tenant(), w)).flatMap(java.util.Optional::stream).toList();
    }
}
