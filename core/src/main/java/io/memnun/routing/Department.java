package io.memnun.routing;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.StaffId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A department or unit (departman, birim) that feedback is routed to.
 *
 * @param head the staff member who leads it, if known; must be in the catalogue's staff
 */
public record Department(DepartmentId id, LocalizedText name, @Nullable StaffId head, boolean active) implements CatalogEntry {
    public Department {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    /** An active department without a head yet. */
    public static Department of(DepartmentId id, LocalizedText name) {
        return new Department(id, name, null, true);
    }

    /** An active department led by {@code head}. */
    public static Department of(DepartmentId id, LocalizedText name, StaffId head) {
        return new Department(id, name, Objects.requireNonNull(head, "head"), true);
    }

    @Override
    public Kind kind() {
        return Kind.DEPARTMENT;
    }

    @Override
    public String key() {
        return id.value();
    }

    @Override
    public Department withActive(boolean active) {
        return new Department(id, name, head, active);
    }
}
