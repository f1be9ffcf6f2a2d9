package io.memnun.routing;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.StaffId;
import io.memnun.internal.Checks;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A staff member (görevli) who can be assigned feedback.
 *
 * @param name the display name, e.g. {@code Ayşe Yılmaz}
 * @param departments the departments the person works for; assignment strategies choose among a department's
 *     active staff
 * @param roles free role names ({@code supervisor}, {@code night-shift}) a strategy may require
 * @param active false once the person left or may no longer be assigned; they stay readable
 * @param calendar the name of the business calendar of the person's working hours; {@code null} for the
 *     location's
 * @param maxOpenLoad the most open feedback the person may have assigned at once before load-aware strategies
 *     pass them over; {@code null} for no limit
 */
public record Staff(
        StaffId id,
        String name,
        Set<DepartmentId> departments,
        Set<String> roles,
        boolean active,
        @Nullable String calendar,
        @Nullable Integer maxOpenLoad) implements CatalogEntry {

    public Staff {
        Objects.requireNonNull(id, "id");
        name = Checks.code(name, "name", LocalizedText.MAX_LENGTH);
        departments = Set.copyOf(departments);
        Set<String> checked = new LinkedHashSet<>();
        for (String role : roles) {
            checked.add(Checks.code(role, "roles", 64));
        }
        roles = Set.copyOf(checked);
        calendar = calendar == null ? null : Checks.code(calendar, "calendar", 64);
        if (maxOpenLoad != null) {
            Checks.argument(maxOpenLoad > 0, "maxOpenLoad", "must be positive when set, was " + maxOpenLoad);
        }
    }

    public static Builder builder(StaffId id, String name) {
        return new Builder(id, name);
    }

    public static Builder builder(String id, String name) {
        return new Builder(StaffId.of(id), name);
    }

    /** True when the person works for {@code department} and has {@code role} ({@code null}: any role). */
    public boolean serves(DepartmentId department, @Nullable String role) {
        return departments.contains(department) && (role == null || roles.contains(role));
    }

    @Override
    public Kind kind() {
        return Kind.STAFF;
    }

    @Override
    public String key() {
        return id.value();
    }

    @Override
    public Staff withActive(boolean active) {
        return new Staff(id, name, departments, roles, active, calendar, maxOpenLoad);
    }

    public Builder toBuilder() {
        Builder b = new Builder(id, name);
        b.departments.addAll(departments);
        b.roles.addAll(roles);
        b.active = active;
        b.calendar = calendar;
        b.maxOpenLoad = maxOpenLoad;
        return b;
    }

    /** Builds a {@link Staff}; active, in no department, with no limit unless told otherwise. */
    public static final class Builder {
        private final StaffId id;
        private final String name;
        private final Set<DepartmentId> departments = new LinkedHashSet<>();
        private final Set<String> roles = new LinkedHashSet<>();
        private boolean active = true;
        private @Nullable String calendar;
        private @Nullable Integer maxOpenLoad;

        private Builder(StaffId id, String name) {
            this.id = Objects.requireNonNull(id, "id");
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder department(DepartmentId department) {
            departments.add(Objects.requireNonNull(department, "department"));
            return this;
        }

        public Builder department(String department) {
            return department(DepartmentId.of(department));
        }

        public Builder role(String role) {
            roles.add(Objects.requireNonNull(role, "role"));
            return this;
        }

        public Builder active(boolean active) {
            this.active = active;
            return this;
        }

        public Builder calendar(@Nullable String calendar) {
            this.calendar = calendar;
            return this;
        }

        public Builder maxOpenLoad(@Nullable Integer maxOpenLoad) {
            this.maxOpenLoad = maxOpenLoad;
            return this;
        }

        public Staff build() {
            return new Staff(id, name, departments, roles, active, calendar, maxOpenLoad);
        }
    }
}
