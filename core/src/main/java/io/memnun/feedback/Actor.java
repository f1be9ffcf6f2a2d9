package io.memnun.feedback;

import io.memnun.internal.Checks;
import java.util.Objects;

/**
 * Who did something: a staff member, the customer, or the system (a scheduler, a rule). Recorded on every
 * history event.
 *
 * @param kind staff, customer or system
 * @param id the staff id, the customer's external id or a system component's name
 */
public record Actor(Kind kind, String id) {
    public enum Kind {
        STAFF,
        CUSTOMER,
        SYSTEM
    }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "memnun");
    public static final Actor CUSTOMER = new Actor(Kind.CUSTOMER, "customer");

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Checks.code(id, "actor.id", 128);
    }

    public static Actor staff(StaffId staff) {
        return new Actor(Kind.STAFF, staff.value());
    }

    public static Actor staff(String staffId) {
        return staff(StaffId.of(staffId));
    }

    public static Actor customer() {
        return CUSTOMER;
    }

    public static Actor system(String component) {
        return new Actor(Kind.SYSTEM, component);
    }

    public boolean isStaff() {
        return kind == Kind.STAFF;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
